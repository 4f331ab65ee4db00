using System.Text.Json.Nodes;

namespace FakeKubernetes;

/// <summary>A parsed <c>labelSelector</c> (=, ==, !=, in, notin, exists, !exists; comma = AND), as apimachinery parses it.</summary>
internal sealed class LabelSelector
{
    private enum Op { Equals, NotEquals, In, NotIn, Exists, DoesNotExist }

    private sealed record Requirement(string Key, Op Op, IReadOnlyList<string> Values);

    private readonly List<Requirement> _requirements;

    private LabelSelector(List<Requirement> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public bool IsEmpty => _requirements.Count == 0;

    /// <summary>Parses a selector; throws <see cref="FormatException"/> with apimachinery-like wording.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var requirements = new List<Requirement>();
        foreach (var part in SplitTopLevel(text))
        {
            var p = part.Trim();
            if (p.Length == 0) throw new FormatException($"unable to parse requirement: found '', expected: identifier");
            if (p.StartsWith('!'))
            {
                var key = p[1..].Trim();
                ValidateKey(key);
                requirements.Add(new(key, Op.DoesNotExist, []));
                continue;
            }
            var setMatch = System.Text.RegularExpressions.Regex.Match(p, @"^(\S+)\s+(in|notin)\s*\((.*)\)$");
            if (setMatch.Success)
            {
                var key = setMatch.Groups[1].Value;
                ValidateKey(key);
                var values = setMatch.Groups[3].Value.Split(',').Select(v => v.Trim()).ToList();
                foreach (var v in values) ValidateValue(v);
                requirements.Add(new(key, setMatch.Groups[2].Value == "in" ? Op.In : Op.NotIn, values));
                continue;
            }
            int idx;
            if ((idx = p.IndexOf("!=", StringComparison.Ordinal)) > 0) requirements.Add(Binary(p, idx, 2, Op.NotEquals));
            else if ((idx = p.IndexOf("==", StringComparison.Ordinal)) > 0) requirements.Add(Binary(p, idx, 2, Op.Equals));
            else if ((idx = p.IndexOf('=', StringComparison.Ordinal)) > 0) requirements.Add(Binary(p, idx, 1, Op.Equals));
            else
            {
                ValidateKey(p);
                requirements.Add(new(p, Op.Exists, []));
            }
        }
        return new LabelSelector(requirements);
    }

    /// <summary>Builds a selector from a LabelSelector object (matchLabels + matchExpressions).</summary>
    public static LabelSelector FromObject(JsonObject? selector)
    {
        if (selector is null) return Everything;
        var requirements = new List<Requirement>();
        if (selector["matchLabels"] is JsonObject ml)
            foreach (var (k, v) in ml) requirements.Add(new(k, Op.Equals, [Meta.Str(v) ?? ""]));
        if (selector["matchExpressions"] is JsonArray me)
            foreach (var e in me.OfType<JsonObject>())
            {
                var key = Meta.Str(e["key"]) ?? "";
                var values = (e["values"] as JsonArray)?.Select(v => Meta.Str(v) ?? "").ToList() ?? [];
                var op = Meta.Str(e["operator"]) switch
                {
                    "In" => Op.In,
                    "NotIn" => Op.NotIn,
                    "Exists" => Op.Exists,
                    _ => Op.DoesNotExist,
                };
                requirements.Add(new(key, op, values));
            }
        return new LabelSelector(requirements);
    }

    public bool Matches(JsonObject obj) => MatchesLabels(Meta.Labels(obj));

    public bool MatchesLabels(JsonObject? labels)
    {
        foreach (var r in _requirements)
        {
            var has = labels is not null && labels.ContainsKey(r.Key);
            var value = has ? Meta.Str(labels![r.Key]) : null;
            var ok = r.Op switch
            {
                Op.Equals => has && value == r.Values[0],
                Op.NotEquals => !has || value != r.Values[0],
                Op.In => has && r.Values.Contains(value!),
                Op.NotIn => !has || !r.Values.Contains(value!),
                Op.Exists => has,
                _ => !has,
            };
            if (!ok) return false;
        }
        return true;
    }

    private static Requirement Binary(string p, int idx, int width, Op op)
    {
        var key = p[..idx].Trim();
        var value = p[(idx + width)..].Trim();
        ValidateKey(key);
        ValidateValue(value);
        return new(key, op, [value]);
    }

    private static void ValidateKey(string key)
    {
        var problems = NameRules.QualifiedName(key);
        if (problems.Count > 0) throw new FormatException($"unable to parse requirement: values[0][{key}]: Invalid value: \"{key}\": {problems[0]}");
    }

    private static void ValidateValue(string value)
    {
        var problems = NameRules.LabelValue(value);
        if (problems.Count > 0) throw new FormatException($"unable to parse requirement: values[0][{value}]: Invalid value: \"{value}\": {problems[0]}");
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }
}
