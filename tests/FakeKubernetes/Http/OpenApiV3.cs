using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace FakeKubernetes;

/// <summary>
/// Serves /openapi/v3 (JSON) by converting the bundled upstream Swagger 2.0 file per group-version — kubectl reads it
/// to learn that PATCH supports <c>fieldValidation</c> and for client-side apply's strategic merge metadata.
/// </summary>
internal static class OpenApiV3
{
    private static readonly Lazy<JsonObject> Source = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi", "openapi-v1.36-upstream.json")))!.AsObject());
    private static readonly ConcurrentDictionary<string, string?> Cache = new();

    private static IEnumerable<string> GroupVersionPaths() =>
        ResourceTypes.GroupVersions.Select(gv => gv.Group.Length == 0 ? "api/v1" : $"apis/{gv.Group}/{gv.Version}");

    public static string Index()
    {
        var paths = new JsonObject();
        foreach (var gv in GroupVersionPaths())
            paths[gv] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{gv}?hash=F{gv.Length}" };
        return new JsonObject { ["paths"] = paths }.ToJsonString();
    }

    public static string? GroupVersion(string gvPath) =>
        GroupVersionPaths().Contains(gvPath) ? Cache.GetOrAdd(gvPath, Build) : null;

    private static string? Build(string gvPath)
    {
        var source = Source.Value;
        var globalParams = source["parameters"] as JsonObject ?? [];
        var paths = new JsonObject();
        var prefix = "/" + gvPath + "/";
        foreach (var (path, item) in source["paths"]!.AsObject())
        {
            if (!path.StartsWith(prefix, StringComparison.Ordinal) || item is not JsonObject pathItem) continue;
            var converted = new JsonObject();
            foreach (var (key, value) in pathItem)
            {
                if (key == "parameters") converted["parameters"] = Parameters(value as JsonArray, globalParams);
                else if (value is JsonObject op) converted[key] = Operation(op, globalParams);
            }
            paths[path] = converted;
        }
        var schemas = new JsonObject();
        foreach (var (name, def) in source["definitions"]!.AsObject()) schemas[name] = RewriteRefs(def);
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.36.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        }.ToJsonString();
    }

    private static JsonObject Operation(JsonObject op, JsonObject globalParams)
    {
        var result = new JsonObject();
        foreach (var (key, value) in op)
        {
            switch (key)
            {
                case "consumes" or "produces" or "schemes":
                    break;
                case "parameters":
                    {
                        var all = ResolveParams(value as JsonArray, globalParams);
                        var body = all.FirstOrDefault(p => Meta.Str(p["in"]) == "body");
                        if (body is not null)
                        {
                            var media = new JsonObject();
                            foreach (var c in (op["consumes"] as JsonArray ?? ["application/json"]).Select(Meta.Str))
                                media[c ?? "application/json"] = new JsonObject { ["schema"] = RewriteRefs(body["schema"]) };
                            result["requestBody"] = new JsonObject { ["content"] = media, ["required"] = body["required"]?.DeepClone() ?? false };
                        }
                        result["parameters"] = new JsonArray(all.Where(p => Meta.Str(p["in"]) != "body").Select(p => (JsonNode)Param(p)).ToArray());
                        break;
                    }
                case "responses":
                    {
                        var responses = new JsonObject();
                        foreach (var (code, r) in value!.AsObject())
                        {
                            var resp = new JsonObject { ["description"] = r?["description"]?.DeepClone() ?? "" };
                            if (r?["schema"] is { } schema)
                                resp["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = RewriteRefs(schema) } };
                            responses[code] = resp;
                        }
                        result["responses"] = responses;
                        break;
                    }
                default:
                    result[key] = value?.DeepClone();
                    break;
            }
        }
        return result;
    }

    private static JsonArray Parameters(JsonArray? list, JsonObject globalParams) =>
        new(ResolveParams(list, globalParams).Where(p => Meta.Str(p["in"]) != "body").Select(p => (JsonNode)Param(p)).ToArray());

    private static List<JsonObject> ResolveParams(JsonArray? list, JsonObject globalParams) =>
        (list ?? []).OfType<JsonObject>()
            .Select(p => Meta.Str(p["$ref"]) is { } r ? globalParams[r["#/parameters/".Length..]] as JsonObject ?? p : p)
            .ToList();

    private static JsonObject Param(JsonObject p)
    {
        var result = new JsonObject();
        var schema = new JsonObject();
        foreach (var (k, v) in p)
        {
            if (k is "type" or "format" or "items" or "default" or "enum") schema[k] = v?.DeepClone();
            else if (k != "uniqueItems") result[k] = v?.DeepClone();
        }
        result["schema"] = schema;
        return result;
    }

    private static JsonNode? RewriteRefs(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var r = new JsonObject();
                foreach (var (k, v) in o)
                    r[k] = k == "$ref" && Meta.Str(v) is { } s ? s.Replace("#/definitions/", "#/components/schemas/", StringComparison.Ordinal) : RewriteRefs(v);
                return r;
            case JsonArray a:
                return new JsonArray(a.Select(RewriteRefs).ToArray());
            default:
                return node?.DeepClone();
        }
    }
}
