using System.Text.Json.Nodes;

namespace FakeKubernetes;

/// <summary>RFC 7386 JSON merge patch (lists replaced wholesale, null deletes) and Kubernetes strategic merge patch.</summary>
internal static class MergePatch
{
    public static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject p) return patch?.DeepClone();
        var result = target as JsonObject is { } t ? t.DeepClone().AsObject() : new JsonObject();
        foreach (var (key, value) in p)
        {
            if (value is null) result.Remove(key);
            else result[key] = Merge(result[key], value);
        }
        return result;
    }

    /// <summary>List merge keys used by strategic merge patch (from the built-in types' patchMergeKey tags), by list name.</summary>
    private static readonly Dictionary<string, string> MergeKeys = new()
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["env"] = "name",
        ["volumes"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["imagePullSecrets"] = "name",
        ["ownerReferences"] = "uid",
        ["conditions"] = "type",
        ["hostAliases"] = "ip",
        ["topologySpreadConstraints"] = "topologyKey",
        ["resourceClaims"] = "name",
    };

    private static readonly HashSet<string> PrimitiveMergeLists = ["finalizers"];

    public static JsonNode? Strategic(JsonNode? target, JsonNode? patch, string listName = "", string parentPath = "")
    {
        if (patch is not JsonObject p) return patch?.DeepClone();
        var result = target is JsonObject t ? t.DeepClone().AsObject() : new JsonObject();
        if (Meta.Str(p["$patch"]) == "replace")
        {
            var replaced = p.DeepClone().AsObject();
            replaced.Remove("$patch");
            return replaced;
        }
        JsonArray? retainKeys = p["$retainKeys"] as JsonArray;
        foreach (var (key, value) in p)
        {
            if (key is "$patch" or "$retainKeys" || key.StartsWith("$setElementOrder/", StringComparison.Ordinal)) continue;
            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var listKey = key["$deleteFromPrimitiveList/".Length..];
                if (result[listKey] is JsonArray existing && value is JsonArray remove)
                    foreach (var r in remove)
                        foreach (var item in existing.Where(e => JsonNode.DeepEquals(e, r)).ToList()) existing.Remove(item);
                continue;
            }
            if (value is null)
            {
                result.Remove(key);
                continue;
            }
            var path = parentPath.Length == 0 ? key : parentPath + "." + key;
            if (value is JsonArray patchList) result[key] = MergeList(result[key] as JsonArray, patchList, key, path);
            else result[key] = Strategic(result[key], value, key, path);
        }
        if (retainKeys is not null)
        {
            var keep = retainKeys.Select(k => Meta.Str(k)).ToHashSet();
            foreach (var k in result.Select(kv => kv.Key).Where(k => !keep.Contains(k)).ToList()) result.Remove(k);
        }
        _ = listName;
        return result;
    }

    private static JsonArray MergeList(JsonArray? current, JsonArray patch, string key, string path)
    {
        // Service ports merge by "port", container ports by "containerPort".
        var mergeKey = key == "ports" ? (path.Contains("containers", StringComparison.Ordinal) ? "containerPort" : "port") : MergeKeys.GetValueOrDefault(key);
        if (mergeKey is null)
        {
            if (PrimitiveMergeLists.Contains(key) && current is not null)
            {
                var merged = current.DeepClone().AsArray();
                foreach (var v in patch.Where(v => !merged.Any(e => JsonNode.DeepEquals(e, v)))) merged.Add(v?.DeepClone());
                return merged;
            }
            return patch.DeepClone().AsArray();
        }
        if (patch.Count == 1 && patch[0] is JsonObject only && Meta.Str(only["$patch"]) == "replace") return [];
        var result = current?.DeepClone().AsArray() ?? [];
        foreach (var item in patch)
        {
            if (item is not JsonObject itemObj)
            {
                result.Add(item?.DeepClone());
                continue;
            }
            var keyValue = itemObj[mergeKey];
            var existing = result.OfType<JsonObject>().FirstOrDefault(e => JsonNode.DeepEquals(e[mergeKey], keyValue));
            if (Meta.Str(itemObj["$patch"]) == "delete")
            {
                if (existing is not null) result.Remove(existing);
                continue;
            }
            if (existing is null) result.Add(Strategic(null, itemObj, key, path));
            else
            {
                var idx = result.IndexOf(existing);
                result[idx] = Strategic(existing, itemObj, key, path);
            }
        }
        return result;
    }
}
