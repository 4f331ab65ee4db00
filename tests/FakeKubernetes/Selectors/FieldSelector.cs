using System.Text.Json.Nodes;

namespace FakeKubernetes;

/// <summary>A parsed <c>fieldSelector</c> (=, ==, != only) over the fields each kind supports.</summary>
internal sealed class FieldSelector
{
    private readonly List<(string Field, bool Equal, string Value)> _terms;

    private FieldSelector(List<(string, bool, string)> terms) => _terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    private static readonly Dictionary<string, Func<JsonObject, string?>> Common = new()
    {
        ["metadata.name"] = o => Meta.Name(o),
        ["metadata.namespace"] = o => Meta.Namespace(o) ?? "",
    };

    private static readonly Dictionary<ResourceType, Dictionary<string, Func<JsonObject, string?>>> PerKind = new()
    {
        [ResourceTypes.Pod] = new()
        {
            ["status.phase"] = o => Meta.Str(o["status"]?["phase"]) ?? "",
            ["spec.nodeName"] = o => Meta.Str(o["spec"]?["nodeName"]) ?? "",
            ["spec.restartPolicy"] = o => Meta.Str(o["spec"]?["restartPolicy"]) ?? "",
            ["spec.serviceAccountName"] = o => Meta.Str(o["spec"]?["serviceAccountName"]) ?? "",
            ["status.podIP"] = o => Meta.Str(o["status"]?["podIP"]) ?? "",
        },
        [ResourceTypes.Namespace] = new() { ["status.phase"] = o => Meta.Str(o["status"]?["phase"]) ?? "" },
        [ResourceTypes.Secret] = new() { ["type"] = o => Meta.Str(o["type"]) ?? "" },
        [ResourceTypes.Job] = new() { ["status.successful"] = o => (Meta.Long(o["status"]?["succeeded"]) ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    private readonly Dictionary<string, Func<JsonObject, string?>> _getters = [];

    /// <summary>Parses a field selector for <paramref name="type"/>; unsupported fields throw like the server ("field label not supported").</summary>
    public static FieldSelector Parse(string? text, ResourceType type)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var terms = new List<(string, bool, string)>();
        var selector = new FieldSelector(terms);
        foreach (var raw in text.Split(','))
        {
            var p = raw.Trim();
            int idx;
            string field, value;
            bool equal;
            if ((idx = p.IndexOf("!=", StringComparison.Ordinal)) > 0) { field = p[..idx]; value = p[(idx + 2)..]; equal = false; }
            else if ((idx = p.IndexOf("==", StringComparison.Ordinal)) > 0) { field = p[..idx]; value = p[(idx + 2)..]; equal = true; }
            else if ((idx = p.IndexOf('=', StringComparison.Ordinal)) > 0) { field = p[..idx]; value = p[(idx + 1)..]; equal = true; }
            else throw new FormatException($"invalid selector: '{text}'; can't understand '{p}'");
            field = field.Trim();
            if (!Common.TryGetValue(field, out var getter) &&
                !(PerKind.TryGetValue(type, out var kindFields) && kindFields.TryGetValue(field, out getter)))
                throw new FormatException($"field label not supported: {field}");
            selector._getters[field] = getter;
            terms.Add((field, equal, value.Trim()));
        }
        return selector;
    }

    public bool Matches(JsonObject obj)
    {
        foreach (var (field, equal, value) in _terms)
        {
            var actual = _getters[field](obj) ?? "";
            if ((actual == value) != equal) return false;
        }
        return true;
    }

    /// <summary>The name this selector pins with <c>metadata.name=</c>, if any.</summary>
    public string? PinnedName => _terms.FirstOrDefault(t => t.Field == "metadata.name" && t.Equal).Value;
}
