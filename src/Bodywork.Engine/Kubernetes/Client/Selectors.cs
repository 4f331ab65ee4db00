using System.Text;
using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>Builds label-selector text for list/watch calls (URL encoding is done by the client).</summary>
public static class Selectors
{
    /// <summary>"k1=v1,k2=v2" from equality pairs, keys in ordinal order so the text is stable.</summary>
    public static string FromLabels(IEnumerable<KeyValuePair<string, string>> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));
    }

    /// <summary>
    /// The full selector of a spec's <see cref="LabelSelector"/>: matchLabels plus matchExpressions
    /// (In, NotIn, Exists, DoesNotExist) — never matchLabels alone.
    /// </summary>
    public static string FromLabelSelector(LabelSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var parts = new List<string>();
        if (selector.MatchLabels is { Count: > 0 } labels)
        {
            parts.Add(FromLabels(labels));
        }

        foreach (var e in selector.MatchExpressions ?? [])
        {
            var values = string.Join(",", e.Values ?? []);
            parts.Add(e.Operator switch
            {
                "In" => $"{e.Key} in ({values})",
                "NotIn" => $"{e.Key} notin ({values})",
                "Exists" => e.Key,
                "DoesNotExist" => "!" + e.Key,
                _ => throw new ArgumentException($"Unknown label selector operator '{e.Operator}' for key '{e.Key}'.", nameof(selector)),
            });
        }

        return string.Join(",", parts);
    }

    /// <summary>Field selector for one object by name.</summary>
    public static string ForName(string name) => "metadata.name=" + name;

    /// <summary>Combines selector texts with AND, skipping empty ones.</summary>
    public static string And(params string?[] selectors)
    {
        var sb = new StringBuilder();
        foreach (var s in selectors)
        {
            if (!string.IsNullOrEmpty(s))
            {
                sb.Append(sb.Length == 0 ? "" : ",").Append(s);
            }
        }

        return sb.ToString();
    }
}
