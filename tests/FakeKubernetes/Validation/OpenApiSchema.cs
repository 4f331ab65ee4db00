using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FakeKubernetes;

/// <summary>What a schema walk found: unknown fields (strict decoding), wrong JSON types, missing required fields.</summary>
internal sealed class SchemaProblems
{
    public List<FakeValidationCause> Unknown { get; } = [];
    public List<FakeValidationCause> WrongType { get; } = [];
    public List<FakeValidationCause> Required { get; } = [];
}

/// <summary>
/// One bundled Swagger 2.0 file used as a strict schema: definitions are found by
/// <c>x-kubernetes-group-version-kind</c>, never by name; <c>$ref</c>s are resolved lazily.
/// </summary>
internal sealed class OpenApiSchema
{
    private readonly JsonElement _definitions;
    private readonly Dictionary<(string, string, string), string> _byGvk = [];

    public OpenApiSchema(string path, string label)
    {
        Label = label;
        using var stream = File.OpenRead(path);
        Document = JsonDocument.Parse(stream);
        _definitions = Document.RootElement.GetProperty("definitions");
        foreach (var def in _definitions.EnumerateObject())
        {
            if (!def.Value.TryGetProperty("x-kubernetes-group-version-kind", out var gvks)) continue;
            foreach (var gvk in gvks.EnumerateArray())
            {
                var key = (gvk.GetProperty("group").GetString() ?? "", gvk.GetProperty("version").GetString() ?? "", gvk.GetProperty("kind").GetString() ?? "");
                _byGvk.TryAdd(key, def.Name);
            }
        }
    }

    public string Label { get; }

    public JsonDocument Document { get; }

    public bool HasKind(string group, string version, string kind) => _byGvk.ContainsKey((group, version, kind));

    /// <summary>Walks <paramref name="obj"/> against the schema of its GVK; <paramref name="skipTopLevel"/> keys are not checked.</summary>
    public void Validate(JsonObject obj, string group, string version, string kind, SchemaProblems problems, ISet<string> skipTopLevel)
    {
        if (!_byGvk.TryGetValue((group, version, kind), out var defName)) return;
        var def = _definitions.GetProperty(defName);
        var filtered = new JsonObject();
        foreach (var (k, v) in obj)
            if (!skipTopLevel.Contains(k)) filtered[k] = v?.DeepClone();
        Walk(filtered, def, defName, "", problems);
    }

    private void Walk(JsonNode? value, JsonElement schema, string defName, string path, SchemaProblems problems)
    {
        if (schema.TryGetProperty("$ref", out var r))
        {
            var name = r.GetString()!["#/definitions/".Length..];
            Walk(value, _definitions.GetProperty(name), name, path, problems);
            return;
        }
        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var s in allOf.EnumerateArray()) Walk(value, s, defName, path, problems);
            return;
        }
        if (value is null) return; // null means "unset" for optional fields

        // Types that the preprocessed v1.25 file models as objects but are scalars on the wire.
        if (defName.EndsWith("IntOrString", StringComparison.Ordinal))
        {
            if (!IsInteger(value) && value.GetValueKind() != JsonValueKind.String) TypeError(value, "IntOrString", defName, path, problems);
            return;
        }
        if (defName.EndsWith("resource.Quantity", StringComparison.Ordinal))
        {
            if (value.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number)) TypeError(value, "resource.Quantity", defName, path, problems);
            return;
        }

        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : null;
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        switch (type)
        {
            case "object":
                if (value is not JsonObject o)
                {
                    TypeError(value, GoStruct(defName), defName, path, problems);
                    return;
                }
                if (schema.TryGetProperty("properties", out var props))
                {
                    foreach (var (key, child) in o)
                    {
                        var childPath = path.Length == 0 ? key : $"{path}.{key}";
                        if (props.TryGetProperty(key, out var childSchema)) Walk(child, childSchema, defName, childPath, problems);
                        else problems.Unknown.Add(new("FieldValueInvalid", childPath, $"unknown field \"{childPath}\""));
                    }
                    if (schema.TryGetProperty("required", out var required))
                        foreach (var req in required.EnumerateArray())
                        {
                            var key = req.GetString()!;
                            if (o[key] is null)
                            {
                                var childPath = path.Length == 0 ? key : $"{path}.{key}";
                                problems.Required.Add(new("FieldValueRequired", childPath, $"{childPath}: Required value"));
                            }
                        }
                }
                else if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
                {
                    foreach (var (key, child) in o) Walk(child, additional, defName, $"{path}[{key}]", problems);
                }
                return;
            case "array":
                if (value is not JsonArray a)
                {
                    TypeError(value, "[]" + ItemsGoType(schema), defName, path, problems);
                    return;
                }
                if (schema.TryGetProperty("items", out var items))
                    for (var i = 0; i < a.Count; i++) Walk(a[i], items, defName, $"{path}[{i}]", problems);
                return;
            case "string":
                if (format == "int-or-string")
                {
                    if (!IsInteger(value) && value.GetValueKind() != JsonValueKind.String) TypeError(value, "IntOrString", defName, path, problems);
                    return;
                }
                if (defName.EndsWith(".Quantity", StringComparison.Ordinal))
                {
                    if (value.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number)) TypeError(value, "Quantity", defName, path, problems);
                    return;
                }
                if (value.GetValueKind() != JsonValueKind.String)
                {
                    TypeError(value, format == "date-time" ? "Time" : format == "byte" ? "[]uint8" : "string", defName, path, problems);
                    return;
                }
                var s = value.GetValue<string>();
                if (format == "byte" && !IsBase64(s))
                    problems.WrongType.Add(new("FieldValueTypeInvalid", path, $"{path}: Invalid value: illegal base64 data in field \"{path}\""));
                if (format == "date-time" && !DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
                    problems.WrongType.Add(new("FieldValueTypeInvalid", path, $"{path}: Invalid value: \"{s}\": parsing time \"{s}\" as RFC 3339"));
                return;
            case "integer":
                if (!IsInteger(value))
                {
                    TypeError(value, format ?? "int64", defName, path, problems);
                    return;
                }
                if (format == "int32")
                {
                    var n = Number(value) ?? 0;
                    if (n is > int.MaxValue or < int.MinValue) TypeError(value, "int32", defName, path, problems);
                }
                return;
            case "number":
                if (value.GetValueKind() != JsonValueKind.Number) TypeError(value, "float64", defName, path, problems);
                return;
            case "boolean":
                if (value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)) TypeError(value, "bool", defName, path, problems);
                return;
            default:
                return; // free-form (RawExtension, FieldsV1 in some files)
        }
    }

    private static bool IsInteger(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.Number && Number(value) is { } d && d == Math.Floor(d) && !double.IsInfinity(d);

    /// <summary>A number node's value whether it was parsed (JsonElement) or built in code (long, int, double...).</summary>
    private static double? Number(JsonNode value)
    {
        if (value is not JsonValue v) return null;
        if (v.TryGetValue<JsonElement>(out var e)) return e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<double>(out var d)) return d;
        if (v.TryGetValue<decimal>(out var m)) return (double)m;
        return null;
    }

    private static bool IsBase64(string s)
    {
        var buffer = new byte[s.Length];
        return Convert.TryFromBase64String(s, buffer, out _);
    }

    private static string GoStruct(string defName) => defName[(defName.LastIndexOf('.') + 1)..];

    private static string ItemsGoType(JsonElement schema) =>
        schema.TryGetProperty("items", out var items) && items.TryGetProperty("$ref", out var r) ? GoStruct(r.GetString()!) :
        schema.TryGetProperty("items", out var i2) && i2.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";

    private static void TypeError(JsonNode value, string goType, string defName, string path, SchemaProblems problems)
    {
        var jsonType = value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "bool",
            JsonValueKind.Array => "array",
            JsonValueKind.Object => "object",
            _ => "null",
        };
        problems.WrongType.Add(new("FieldValueTypeInvalid", path,
            $"json: cannot unmarshal {jsonType} into Go struct field {GoStruct(defName)}.{path} of type {goType}"));
    }
}
