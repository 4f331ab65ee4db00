using System.Text.Json.Nodes;

namespace FakeKubernetes;

/// <summary>
/// A compact model of server-side apply: per object, which manager owns which field paths
/// (<c>.spec.replicas</c>, <c>.spec.template.spec.containers[name="app"].image</c>). Apply merges the intent
/// (associative lists by key), removes fields the manager dropped from its intent, and reports conflicts with
/// other managers' fields as <c>FieldManagerConflict</c> causes.
/// </summary>
internal sealed class FieldOwnership
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, HashSet<string>>> _owners = [];

    private static readonly Dictionary<string, string> ListKeys = new()
    {
        ["containers"] = "name", ["initContainers"] = "name", ["env"] = "name", ["volumes"] = "name", ["volumeMounts"] = "mountPath",
        ["imagePullSecrets"] = "name", ["conditions"] = "type", ["ownerReferences"] = "uid", ["hostAliases"] = "ip",
    };

    private static readonly HashSet<string> Ignored = [".apiVersion", ".kind", ".metadata.name", ".metadata.namespace", ".metadata.resourceVersion",
        ".metadata.uid", ".metadata.creationTimestamp", ".metadata.generation", ".metadata.managedFields"];

    public static string? ListKey(string listName, string path) =>
        listName == "ports" ? (path.Contains("containers", StringComparison.Ordinal) ? "containerPort" : "port") : ListKeys.GetValueOrDefault(listName);

    /// <summary>Leaf paths of an object (and item paths of associative lists), skipping identity/server fields and status.</summary>
    public static HashSet<string> Paths(JsonObject obj)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        Collect(obj, "", "", set);
        set.RemoveWhere(p => Ignored.Contains(p) || p.StartsWith(".status", StringComparison.Ordinal) || p.StartsWith(".metadata.managedFields", StringComparison.Ordinal));
        return set;
    }

    private static void Collect(JsonNode? node, string path, string name, HashSet<string> set)
    {
        switch (node)
        {
            case JsonObject o when o.Count > 0:
                foreach (var (k, v) in o) Collect(v, $"{path}.{k}", k, set);
                break;
            case JsonArray a when a.Count > 0 && a.All(i => i is JsonObject) && ListKey(name, path) is { } key:
                foreach (var item in a.OfType<JsonObject>())
                {
                    var itemPath = $"{path}[{key}={item[key]?.ToJsonString()}]";
                    set.Add(itemPath);
                    foreach (var (k, v) in item) Collect(v, $"{itemPath}.{k}", k, set);
                }
                break;
            default:
                set.Add(path);
                break;
        }
    }

    /// <summary>The value at a path produced by <see cref="Paths"/> (null when absent).</summary>
    public static JsonNode? ValueAt(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var (seg, key, value) in Segments(path))
        {
            if (key is null) node = (node as JsonObject)?[seg];
            else node = ((node as JsonObject)?[seg] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(i => i[key]?.ToJsonString() == value);
            if (node is null) return null;
        }
        return node;
    }

    private static IEnumerable<(string Segment, string? Key, string? Value)> Segments(string path)
    {
        var i = 1;
        while (i < path.Length)
        {
            var end = i;
            while (end < path.Length && path[end] != '.' && path[end] != '[') end++;
            var seg = path[i..end];
            if (end < path.Length && path[end] == '[')
            {
                // [key="value"] — values are JSON, may contain dots; find the closing bracket after the JSON value.
                var eq = path.IndexOf('=', end);
                var close = FindClose(path, eq + 1);
                yield return (seg, path[(end + 1)..eq], path[(eq + 1)..close]);
                i = close + 2;
            }
            else
            {
                yield return (seg, null, null);
                i = end + 1;
            }
        }
    }

    private static int FindClose(string path, int start)
    {
        var inString = false;
        for (var i = start; i < path.Length; i++)
        {
            if (path[i] == '"' && (i == 0 || path[i - 1] != '\\')) inString = !inString;
            else if (path[i] == ']' && !inString) return i;
        }
        return path.Length - 1;
    }

    public void Forget(string uid)
    {
        lock (_gate) _owners.Remove(uid);
    }

    /// <summary>Records that <paramref name="manager"/> (a non-apply write) set the fields that differ between before and after.</summary>
    public void RecordUpdate(string uid, string manager, JsonObject? before, JsonObject after)
    {
        var paths = Paths(after).Where(p => before is null || !JsonNode.DeepEquals(ValueAt(before, p), ValueAt(after, p))).ToList();
        lock (_gate)
        {
            var owners = _owners.TryGetValue(uid, out var o) ? o : _owners[uid] = [];
            foreach (var (m, set) in owners)
                if (m != manager) set.ExceptWith(paths);
            if (!owners.TryGetValue(manager, out var mine)) owners[manager] = mine = [];
            mine.UnionWith(paths);
        }
    }

    /// <summary>
    /// Computes the result of applying <paramref name="intent"/> by <paramref name="manager"/> to <paramref name="current"/>
    /// (null = create). Throws a 409 with FieldManagerConflict causes unless <paramref name="force"/>.
    /// </summary>
    public JsonObject Apply(string uid, ResourceType type, JsonObject? current, JsonObject intent, string manager, bool force, bool dryRun)
    {
        var applied = Paths(intent);
        lock (_gate)
        {
            var owners = current is not null && _owners.TryGetValue(uid, out var o)
                ? o.ToDictionary(p => p.Key, p => new HashSet<string>(p.Value))
                : [];
            if (current is not null)
            {
                var conflicts = new List<(string Manager, string Path)>();
                foreach (var path in applied.Where(p => !p.EndsWith(']')))
                {
                    if (JsonNode.DeepEquals(ValueAt(current, path), ValueAt(intent, path))) continue;
                    foreach (var (m, set) in owners)
                        if (m != manager && set.Contains(path)) conflicts.Add((m, path));
                }
                if (conflicts.Count > 0 && !force) throw ConflictError(type, conflicts);
                foreach (var (m, path) in conflicts) owners[m].Remove(path);
            }
            var previous = owners.TryGetValue(manager, out var prev) ? prev : [];
            var result = Merge(current ?? [], intent, "", "").AsObject();
            // Fields this manager applied before but dropped now are removed unless someone else still owns them.
            var others = owners.Where(p => p.Key != manager).SelectMany(p => p.Value).ToHashSet();
            foreach (var dropped in previous.Where(p => !applied.Contains(p) && !others.Contains(p)).OrderByDescending(p => p.Length))
                RemoveAt(result, dropped);
            if (!dryRun)
            {
                owners[manager] = applied;
                foreach (var set in owners.Where(p => p.Key != manager).Select(p => p.Value)) set.RemoveWhere(p => ValueAt(result, p) is null);
                _owners[uid] = owners;
            }
            return result;
        }
    }

    public void Rekey(string fromUid, string toUid)
    {
        lock (_gate)
        {
            if (_owners.Remove(fromUid, out var o)) _owners[toUid] = o;
        }
    }

    private static ApiException ConflictError(ResourceType type, List<(string Manager, string Path)> conflicts)
    {
        var causes = new JsonArray(conflicts.Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = "FieldManagerConflict",
            ["message"] = $"conflict with \"{c.Manager}\" using {type.ApiVersion}",
            ["field"] = c.Path,
        }).ToArray());
        var message = conflicts.Count == 1
            ? $"Apply failed with 1 conflict: conflict with \"{conflicts[0].Manager}\" using {type.ApiVersion}: {conflicts[0].Path}"
            : $"Apply failed with {conflicts.Count} conflicts: " + string.Join("\n", conflicts.Select(c => $"conflict with \"{c.Manager}\" using {type.ApiVersion}: {c.Path}"));
        return new ApiException(409, "Conflict", message, new JsonObject { ["causes"] = causes });
    }

    private static JsonNode Merge(JsonNode? current, JsonNode intent, string path, string name)
    {
        switch (intent)
        {
            case JsonObject io:
                var result = current as JsonObject is { } co ? co.DeepClone().AsObject() : new JsonObject();
                foreach (var (k, v) in io)
                {
                    if (v is null) { result.Remove(k); continue; }
                    result[k] = Merge(result[k], v, $"{path}.{k}", k);
                }
                return result;
            case JsonArray ia when ia.All(i => i is JsonObject) && ListKey(name, path) is { } key && current is JsonArray ca:
                var merged = ca.DeepClone().AsArray();
                foreach (var item in ia.OfType<JsonObject>())
                {
                    var existing = merged.OfType<JsonObject>().FirstOrDefault(e => JsonNode.DeepEquals(e[key], item[key]));
                    if (existing is null) merged.Add(item.DeepClone());
                    else merged[merged.IndexOf(existing)] = Merge(existing, item, path, name);
                }
                return merged;
            default:
                return intent.DeepClone();
        }
    }

    private static void RemoveAt(JsonObject root, string path)
    {
        var segments = Segments(path).ToList();
        JsonNode? parent = root;
        for (var i = 0; i < segments.Count - 1 && parent is not null; i++)
        {
            var (seg, key, value) = segments[i];
            parent = key is null ? (parent as JsonObject)?[seg] : ((parent as JsonObject)?[seg] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(x => x[key]?.ToJsonString() == value);
        }
        if (parent is not JsonObject po) return;
        var (lastSeg, lastKey, lastValue) = segments[^1];
        if (lastKey is null) po.Remove(lastSeg);
        else if (po[lastSeg] is JsonArray list && list.OfType<JsonObject>().FirstOrDefault(x => x[lastKey]?.ToJsonString() == lastValue) is { } item) list.Remove(item);
    }
}
