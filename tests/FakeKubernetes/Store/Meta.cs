using System.Globalization;
using System.Text.Json.Nodes;

namespace FakeKubernetes;

/// <summary>Small accessors for raw JSON objects' metadata.</summary>
internal static class Meta
{
    public static JsonObject Of(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject m) return m;
        var created = new JsonObject();
        obj["metadata"] = created;
        return created;
    }

    public static string Name(JsonObject obj) => Str(obj["metadata"]?["name"]) ?? "";

    public static string? Namespace(JsonObject obj) => Str(obj["metadata"]?["namespace"]);

    public static string Uid(JsonObject obj) => Str(obj["metadata"]?["uid"]) ?? "";

    public static string? ResourceVersion(JsonObject obj) => Str(obj["metadata"]?["resourceVersion"]);

    public static JsonObject Labels(JsonObject obj) => obj["metadata"]?["labels"] as JsonObject ?? [];

    public static string? Label(JsonObject obj, string key) => Str(obj["metadata"]?["labels"]?[key]);

    public static string? Annotation(JsonObject obj, string key) => Str(obj["metadata"]?["annotations"]?[key]);

    public static bool IsDeleting(JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is not null;

    public static string? Str(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static long? Long(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<double>(out var d) && d == Math.Floor(d)) return (long)d;
        return null;
    }

    public static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Format(DateTime t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTime? ParseTime(JsonNode? node) =>
        Str(node) is { } s && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    /// <summary>The controller owner reference's uid, if any.</summary>
    public static string? ControllerUid(JsonObject obj) =>
        (obj["metadata"]?["ownerReferences"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(r => r["controller"] is JsonValue c && c.TryGetValue<bool>(out var b) && b) is { } owner ? Str(owner["uid"]) : null;

    public static JsonObject OwnerReference(ResourceType type, JsonObject owner, bool blockOwnerDeletion = true) => new()
    {
        ["apiVersion"] = type.ApiVersion,
        ["kind"] = type.Kind,
        ["name"] = Name(owner),
        ["uid"] = Uid(owner),
        ["controller"] = true,
        ["blockOwnerDeletion"] = blockOwnerDeletion,
    };

    /// <summary>Drops null members recursively (a typed server decodes JSON null as "unset").</summary>
    public static void RemoveNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Where(p => p.Value is null).Select(p => p.Key).ToList()) o.Remove(key);
                foreach (var (_, v) in o) RemoveNulls(v);
                break;
            case JsonArray a:
                foreach (var v in a) RemoveNulls(v);
                break;
        }
    }

    public static string RandomSuffix(int length)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Concat(Enumerable.Range(0, length).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)]));
    }
}
