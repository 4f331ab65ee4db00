using System.Text.Json.Nodes;

namespace FakeKubernetes;

/// <summary>RFC 6902 JSON Patch.</summary>
internal static class JsonPatch
{
    public static JsonObject Apply(JsonObject target, JsonArray ops)
    {
        JsonNode root = target.DeepClone();
        foreach (var op in ops)
        {
            if (op is not JsonObject o) throw StatusObjects.BadRequest("json patch operations must be objects");
            var kind = Meta.Str(o["op"]) ?? throw StatusObjects.BadRequest("missing op in json patch");
            var path = Meta.Str(o["path"]) ?? throw StatusObjects.BadRequest($"missing path in json patch op {kind}");
            switch (kind)
            {
                case "add": root = Add(root, path, o["value"]?.DeepClone()); break;
                case "remove": root = Remove(root, path, out _); break;
                case "replace":
                    root = Remove(root, path, out _);
                    root = Add(root, path, o["value"]?.DeepClone());
                    break;
                case "move":
                    {
                        var from = Meta.Str(o["from"]) ?? throw StatusObjects.BadRequest("missing from in move");
                        root = Remove(root, from, out var moved);
                        root = Add(root, path, moved);
                        break;
                    }
                case "copy":
                    {
                        var from = Meta.Str(o["from"]) ?? throw StatusObjects.BadRequest("missing from in copy");
                        root = Add(root, path, Get(root, from)?.DeepClone());
                        break;
                    }
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path), o["value"]))
                        throw new ApiException(422, "Invalid", $"the server rejected our request due to an error in our request: testing value {path} failed: test failed");
                    break;
                default:
                    throw StatusObjects.BadRequest($"Unexpected kind: {kind}");
            }
        }
        return root as JsonObject ?? throw StatusObjects.BadRequest("json patch result is not an object");
    }

    private static string[] Tokens(string path)
    {
        if (path.Length == 0) return [];
        if (!path.StartsWith('/')) throw StatusObjects.BadRequest($"invalid JSON pointer \"{path}\"");
        return path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
    }

    private static JsonNode? Get(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var t in Tokens(path))
            node = node switch
            {
                JsonObject o => o[t],
                JsonArray a when int.TryParse(t, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
        return node;
    }

    private static (JsonNode Parent, string Last) Parent(JsonNode root, string path)
    {
        var tokens = Tokens(path);
        if (tokens.Length == 0) throw StatusObjects.BadRequest("cannot operate on the document root");
        var parent = Get(root, "/" + string.Join('/', tokens[..^1].Select(t => t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))));
        if (tokens.Length == 1) parent = root;
        return (parent ?? throw new ApiException(422, "Invalid", $"the server rejected our request due to an error in our request: doc is missing path: \"{path}\""), tokens[^1]);
    }

    private static JsonNode Add(JsonNode root, string path, JsonNode? value)
    {
        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a:
                if (last == "-") a.Add(value);
                else if (int.TryParse(last, out var i) && i >= 0 && i <= a.Count) a.Insert(i, value);
                else throw new ApiException(422, "Invalid", $"the server rejected our request due to an error in our request: add operation index out of bounds: {path}");
                break;
            default:
                throw new ApiException(422, "Invalid", $"the server rejected our request due to an error in our request: doc is missing path: \"{path}\"");
        }
        return root;
    }

    private static JsonNode Remove(JsonNode root, string path, out JsonNode? removed)
    {
        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                removed = o[last];
                o.Remove(last);
                return root;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count:
                removed = a[i];
                a.RemoveAt(i);
                return root;
            default:
                throw new ApiException(422, "Invalid", $"the server rejected our request due to an error in our request: doc is missing path: \"{path}\": missing value");
        }
    }
}
