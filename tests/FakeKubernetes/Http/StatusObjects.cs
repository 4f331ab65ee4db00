using System.Text.Json.Nodes;

namespace FakeKubernetes;

/// <summary>A request failure that becomes a <c>Status</c> response.</summary>
internal sealed class ApiException(int code, string reason, string message, JsonObject? details = null, IReadOnlyList<string>? warnings = null)
    : Exception(message)
{
    public int Code { get; } = code;
    public string Reason { get; } = reason;
    public JsonObject? Details { get; } = details;
    public IReadOnlyList<string> Warnings { get; } = warnings ?? [];

    public JsonObject ToStatus() => StatusObjects.Build(Code, Reason, Message, Details?.DeepClone().AsObject());
}

/// <summary>Builds <c>Status</c> objects worded like kube-apiserver's (apimachinery/pkg/api/errors).</summary>
internal static class StatusObjects
{
    public static JsonObject Build(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null) status["details"] = details;
        status["code"] = code;
        return status;
    }

    public static JsonObject Success(ResourceType type, string name, string uid) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = new JsonObject { ["name"] = name, ["group"] = type.Group, ["kind"] = type.Plural, ["uid"] = uid },
    };

    private static JsonObject Details(ResourceType type, string name)
    {
        var d = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0) d["group"] = type.Group;
        d["kind"] = type.Plural;
        return d;
    }

    public static ApiException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.QualifiedPlural} \"{name}\" not found", Details(type, name));

    public static ApiException NamespaceNotFound(string ns) =>
        new(404, "NotFound", $"namespaces \"{ns}\" not found", new JsonObject { ["name"] = ns, ["kind"] = "namespaces" });

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.QualifiedPlural} \"{name}\" already exists", Details(type, name));

    public static ApiException Conflict(ResourceType type, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedPlural} \"{name}\": {why}", Details(type, name));

    public static ApiException StaleConflict(ResourceType type, string name) =>
        Conflict(type, name, "the object has been modified; please apply your changes to the latest version and try again");

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException Gone(string message) => new(410, "Expired", message);

    public static ApiException MethodNotAllowed(string message = "the server does not allow this method on the requested resource") =>
        new(405, "MethodNotAllowed", message, new JsonObject());

    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got \"{contentType}\")");

    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static ApiException Forbidden(ResourceType type, string name, string why, JsonArray? causes = null)
    {
        var details = Details(type, name);
        if (causes is not null) details["causes"] = causes;
        return new(403, "Forbidden", $"{type.QualifiedPlural} \"{name}\" is forbidden: {why}", details);
    }

    /// <summary>422 Invalid: message <c>Kind.group "name" is invalid: [field: problem, ...]</c>, details.kind = Kind.</summary>
    public static ApiException Invalid(ResourceType type, string name, IReadOnlyList<FakeValidationCause> causes)
    {
        var parts = causes.Select(c => c.Message).ToList();
        var joined = parts.Count == 1 ? parts[0] : "[" + string.Join(", ", parts) + "]";
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0) details["group"] = type.Group;
        details["kind"] = type.Kind;
        details["causes"] = new JsonArray(causes.Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = c.Type,
            ["message"] = c.Message.StartsWith(c.Field + ": ", StringComparison.Ordinal) ? c.Message[(c.Field.Length + 2)..] : c.Message,
            ["field"] = c.Field,
        }).ToArray());
        return new(422, "Invalid", $"{type.QualifiedKind} \"{name}\" is invalid: {joined}", details);
    }
}
