using System.Text.Json.Nodes;

namespace FakeKubernetes;

/// <summary>How unknown fields are treated (the <c>fieldValidation</c> query parameter).</summary>
internal enum FieldValidation { Strict, Warn, Ignore }

/// <summary>
/// Validates request bodies as kube-apiserver would: strict decoding against both bundled OpenAPI files, then the
/// kinds' semantic rules (names, labels, pod templates, selectors, immutability). Only what the client sent is
/// validated — status (written by the fake's controllers) is never checked.
/// </summary>
internal sealed class ObjectValidator
{
    private static readonly Lazy<ObjectValidator> Lazy = new(() => new ObjectValidator());
    private static readonly HashSet<string> SkipTopLevel = ["status"];
    private readonly OpenApiSchema _current;
    private readonly OpenApiSchema _v125;

    private ObjectValidator()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "openapi");
        _current = new OpenApiSchema(Path.Combine(dir, "openapi-v1.36-upstream.json"), "v1.36");
        _v125 = new OpenApiSchema(Path.Combine(dir, "openapi-v1.25.0.json"), "v1.25");
    }

    public static ObjectValidator Shared => Lazy.Value;

    public OpenApiSchema Current => _current;

    /// <summary>All causes, unknown fields included (used by <see cref="FakeApiServer.Validate"/>).</summary>
    public IReadOnlyList<FakeValidationCause> ValidateForCreate(JsonObject obj, bool strictUnknown)
    {
        var apiVersion = Meta.Str(obj["apiVersion"]) ?? "";
        var kind = Meta.Str(obj["kind"]) ?? "";
        var type = ResourceTypes.Find(apiVersion, kind);
        var causes = new List<FakeValidationCause>();
        if (apiVersion.Length == 0) causes.Add(new("FieldValueRequired", "apiVersion", "apiVersion: Required value"));
        if (kind.Length == 0) causes.Add(new("FieldValueRequired", "kind", "kind: Required value"));
        if (obj["status"] is not null) causes.Add(new("FieldValueForbidden", "status", "status: Forbidden: manifests must not set status"));
        if (type is null)
        {
            if (apiVersion.Length > 0 && kind.Length > 0) causes.Add(new("FieldValueNotSupported", "kind", $"kind: Unsupported value: \"{kind}\" in \"{apiVersion}\""));
            return causes;
        }
        var problems = Schema(obj, type);
        if (strictUnknown) causes.AddRange(problems.Unknown);
        causes.AddRange(problems.WrongType);
        causes.AddRange(problems.Required);
        causes.AddRange(KindRules.Validate(type, obj, null));
        return causes;
    }

    /// <summary>Schema walk against both files; unknown fields are reported once, marked when only v1.25 lacks them.</summary>
    public SchemaProblems Schema(JsonObject obj, ResourceType type)
    {
        var current = new SchemaProblems();
        _current.Validate(obj, type.Group, type.Version, type.Kind, current, SkipTopLevel);
        var old = new SchemaProblems();
        _v125.Validate(obj, type.Group, type.Version, type.Kind, old, SkipTopLevel);
        var known = current.Unknown.Select(c => c.Field).ToHashSet();
        foreach (var c in old.Unknown.Where(c => !known.Contains(c.Field)))
            current.Unknown.Add(c with { Message = c.Message + " (not in Kubernetes v1.25)" });
        var typeFields = current.WrongType.Select(c => c.Field).ToHashSet();
        current.WrongType.AddRange(old.WrongType.Where(c => !typeFields.Contains(c.Field) && !current.Unknown.Any(u => c.Field.StartsWith(u.Field, StringComparison.Ordinal))));
        var requiredFields = current.Required.Select(c => c.Field).ToHashSet();
        current.Required.AddRange(old.Required.Where(c => !requiredFields.Contains(c.Field)));
        return current;
    }

    /// <summary>
    /// Validates a request body (create, update, patch/apply result) and returns warnings; throws 400/422
    /// <see cref="ApiException"/>s worded like the apiserver's. With <see cref="FieldValidation.Ignore"/> unknown fields are removed.
    /// </summary>
    public IReadOnlyList<string> ValidateRequest(ResourceType type, JsonObject obj, JsonObject? old, FieldValidation mode, bool checkSchema = true, bool checkRequired = true)
    {
        var warnings = new List<string>();
        var name = Meta.Name(obj);
        if (checkSchema)
        {
            var problems = Schema(obj, type);
            if (old is not null)
            {
                // Fields the server itself stored (defaults newer than v1.25) are not the client's doing.
                var already = Schema(old, type).Unknown.Select(u => u.Field).ToHashSet();
                problems.Unknown.RemoveAll(u => already.Contains(u.Field));
            }
            var prefix = $"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: ";
            if (problems.WrongType.Count > 0)
                throw new ApiException(400, "BadRequest", prefix + problems.WrongType[0].Message, CauseDetails(type, name, problems.WrongType));
            if (problems.Unknown.Count > 0)
            {
                switch (mode)
                {
                    case FieldValidation.Strict:
                        throw new ApiException(400, "BadRequest", prefix + "strict decoding error: " + string.Join(", ", problems.Unknown.Select(u => u.Message)),
                            CauseDetails(type, name, problems.Unknown));
                    case FieldValidation.Warn:
                        warnings.AddRange(problems.Unknown.Select(u => u.Message));
                        break;
                    default:
                        foreach (var u in problems.Unknown) RemovePath(obj, u.Field);
                        break;
                }
            }
            if (!checkRequired) return warnings;
            var causes = problems.Required.Concat(KindRules.Validate(type, obj, old)).ToList();
            if (causes.Count > 0) throw StatusObjects.Invalid(type, name, causes);
        }
        else
        {
            var semantic = KindRules.Validate(type, obj, old);
            if (semantic.Count > 0) throw StatusObjects.Invalid(type, name, semantic);
        }
        return warnings;
    }

    private static JsonObject CauseDetails(ResourceType type, string name, List<FakeValidationCause> causes)
    {
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0) details["group"] = type.Group;
        details["kind"] = type.Kind;
        details["causes"] = new JsonArray(causes.Select(c => (JsonNode)new JsonObject { ["reason"] = c.Type, ["message"] = c.Message, ["field"] = c.Field }).ToArray());
        return details;
    }

    /// <summary>Removes a field by a path like <c>spec.template.spec.containers[0].foo</c> or <c>metadata.labels[k]</c>.</summary>
    private static void RemovePath(JsonObject root, string path)
    {
        var tokens = new List<string>();
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket < 0) { tokens.Add(part); continue; }
            tokens.Add(part[..bracket]);
            foreach (var idx in part[bracket..].Split('[', StringSplitOptions.RemoveEmptyEntries)) tokens.Add("[" + idx.TrimEnd(']'));
        }
        JsonNode? node = root;
        for (var i = 0; i < tokens.Count - 1 && node is not null; i++)
            node = tokens[i].StartsWith('[') ? node is JsonArray a && int.TryParse(tokens[i][1..], out var n) && n < a.Count ? a[n] : node[tokens[i][1..]] : node[tokens[i]];
        if (node is JsonObject o) o.Remove(tokens[^1].TrimStart('['));
    }
}
