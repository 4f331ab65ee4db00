using System.Text.Json.Nodes;

namespace FakeKubernetes;

/// <summary>Semantic validation the OpenAPI files do not encode (apiserver's per-kind validation), worded like field.Error.</summary>
internal static class KindRules
{
    private static FakeValidationCause InvalidCause(string field, string value, string detail) =>
        new("FieldValueInvalid", field, $"{field}: Invalid value: \"{value}\": {detail}");

    private static FakeValidationCause Required(string field, string? detail = null) =>
        new("FieldValueRequired", field, detail is null ? $"{field}: Required value" : $"{field}: Required value: {detail}");

    private static FakeValidationCause NotSupported(string field, string value, params string[] supported) =>
        new("FieldValueNotSupported", field, $"{field}: Unsupported value: \"{value}\": supported values: {string.Join(", ", supported.Select(s => $"\"{s}\""))}");

    private static FakeValidationCause Immutable(string field, string value) =>
        new("FieldValueInvalid", field, $"{field}: Invalid value: {value}: field is immutable");

    public static List<FakeValidationCause> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        var causes = new List<FakeValidationCause>();
        ValidateMetadata(type, obj, causes);
        var spec = obj["spec"] as JsonObject;
        if (type == ResourceTypes.Pod && spec is not null) ValidatePodSpec(spec, "spec", causes, null);
        else if (type == ResourceTypes.Job && spec is not null) ValidateJobSpec(spec, "spec", causes);
        else if (type == ResourceTypes.CronJob && spec is not null)
        {
            if (Meta.Str(spec["schedule"]) is { } schedule && schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is not (5 or 6) && !schedule.StartsWith('@'))
                causes.Add(InvalidCause("spec.schedule", schedule, "unparseable schedule"));
            if (spec["jobTemplate"]?["spec"] is JsonObject jobSpec) ValidateJobSpec(jobSpec, "spec.jobTemplate.spec", causes);
        }
        else if ((type == ResourceTypes.Deployment || type == ResourceTypes.ReplicaSet) && spec is not null) ValidateWorkload(type, spec, causes);
        else if (type == ResourceTypes.Service && spec is not null) ValidateService(spec, causes);
        else if (type == ResourceTypes.Secret) ValidateSecret(obj, causes);
        else if (type == ResourceTypes.RoleBinding || type == ResourceTypes.ClusterRoleBinding) ValidateBinding(type, obj, causes);
        if (old is not null) ValidateImmutable(type, obj, old, causes);
        return causes;
    }

    private static void ValidateMetadata(ResourceType type, JsonObject obj, List<FakeValidationCause> causes)
    {
        var name = Meta.Name(obj);
        var generateName = Meta.Str(obj["metadata"]?["generateName"]);
        if (name.Length == 0 && string.IsNullOrEmpty(generateName))
            causes.Add(Required("metadata.name", "name or generateName is required"));
        else if (name.Length > 0)
        {
            foreach (var problem in NameRules.ForRule(type.NameRule, name)) causes.Add(InvalidCause("metadata.name", name, problem));
            if (type == ResourceTypes.Job && name.Length > 63) causes.Add(InvalidCause("metadata.name", name, "must be no more than 63 characters"));
            if (type == ResourceTypes.CronJob && name.Length > 52) causes.Add(InvalidCause("metadata.name", name, "must be no more than 52 characters"));
        }
        if (obj["metadata"]?["labels"] is JsonObject labels)
            foreach (var (key, value) in labels)
            {
                foreach (var problem in NameRules.QualifiedName(key)) causes.Add(InvalidCause("metadata.labels", key, problem));
                var v = Meta.Str(value) ?? "";
                foreach (var problem in NameRules.LabelValue(v)) causes.Add(InvalidCause($"metadata.labels", v, problem));
            }
        if (obj["metadata"]?["annotations"] is JsonObject annotations)
        {
            long total = 0;
            foreach (var (key, value) in annotations)
            {
                foreach (var problem in NameRules.QualifiedName(key.ToLowerInvariant())) causes.Add(InvalidCause("metadata.annotations", key, problem));
                total += key.Length + (Meta.Str(value)?.Length ?? 0);
            }
            if (total > 256 * 1024)
                causes.Add(new("FieldValueTooLong", "metadata.annotations", $"metadata.annotations: Too long: must have at most {256 * 1024} bytes"));
        }
    }

    private static void ValidateJobSpec(JsonObject spec, string path, List<FakeValidationCause> causes)
    {
        if (spec["template"]?["spec"] is JsonObject podSpec)
        {
            var restart = Meta.Str(podSpec["restartPolicy"]);
            if (restart is null) causes.Add(Required($"{path}.template.spec.restartPolicy", "valid values: \"OnFailure\", \"Never\""));
            else if (restart is not ("Never" or "OnFailure")) causes.Add(NotSupported($"{path}.template.spec.restartPolicy", restart, "OnFailure", "Never"));
            ValidatePodSpec(podSpec, $"{path}.template.spec", causes, restart);
        }
        foreach (var field in new[] { "backoffLimit", "parallelism", "completions", "activeDeadlineSeconds", "ttlSecondsAfterFinished" })
            if (Meta.Long(spec[field]) is < 0 and var n)
                causes.Add(new("FieldValueInvalid", $"{path}.{field}", $"{path}.{field}: Invalid value: {n}: must be greater than or equal to 0"));
    }

    private static void ValidateWorkload(ResourceType type, JsonObject spec, List<FakeValidationCause> causes)
    {
        var selector = spec["selector"] as JsonObject;
        var templateLabels = spec["template"]?["metadata"]?["labels"] as JsonObject;
        if (selector is not null)
        {
            var parsed = LabelSelector.FromObject(selector);
            if (parsed.IsEmpty)
                causes.Add(new("FieldValueInvalid", "spec.selector", $"spec.selector: Invalid value: {Render(selector)}: empty selector is invalid for deployment"));
            else if (!parsed.MatchesLabels(templateLabels))
                causes.Add(new("FieldValueInvalid", "spec.template.metadata.labels",
                    $"spec.template.metadata.labels: Invalid value: {Render(templateLabels)}: `selector` does not match template `labels`"));
        }
        if (Meta.Long(spec["replicas"]) is < 0 and var replicas)
            causes.Add(new("FieldValueInvalid", "spec.replicas", $"spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0"));
        if (spec["template"]?["spec"] is JsonObject podSpec)
        {
            var restart = Meta.Str(podSpec["restartPolicy"]);
            if (restart is not null and not "Always") causes.Add(NotSupported("spec.template.spec.restartPolicy", restart, "Always"));
            ValidatePodSpec(podSpec, "spec.template.spec", causes, "Always");
        }
        _ = type;
    }

    private static void ValidatePodSpec(JsonObject spec, string path, List<FakeValidationCause> causes, string? restartPolicy)
    {
        _ = restartPolicy;
        var containers = spec["containers"] as JsonArray;
        if (containers is null || containers.Count == 0)
        {
            if (containers is not null) causes.Add(Required($"{path}.containers"));
            return;
        }
        var names = new HashSet<string>();
        for (var i = 0; i < containers.Count; i++)
        {
            if (containers[i] is not JsonObject c) continue;
            var cpath = $"{path}.containers[{i}]";
            var name = Meta.Str(c["name"]);
            if (name is not null)
            {
                foreach (var problem in NameRules.Dns1123Label(name)) causes.Add(InvalidCause($"{cpath}.name", name, problem));
                if (!names.Add(name)) causes.Add(new("FieldValueDuplicate", $"{cpath}.name", $"{cpath}.name: Duplicate value: \"{name}\""));
            }
            if (string.IsNullOrEmpty(Meta.Str(c["image"]))) causes.Add(Required($"{cpath}.image"));
            if (c["ports"] is JsonArray ports)
                for (var p = 0; p < ports.Count; p++)
                {
                    if (Meta.Str(ports[p]?["name"]) is { } portName) ValidatePortName(portName, $"{cpath}.ports[{p}].name", causes);
                    if (Meta.Long(ports[p]?["containerPort"]) is { } cp && cp is < 1 or > 65535)
                        causes.Add(new("FieldValueInvalid", $"{cpath}.ports[{p}].containerPort", $"{cpath}.ports[{p}].containerPort: Invalid value: {cp}: must be between 1 and 65535, inclusive"));
                }
            if (c["env"] is JsonArray env)
                for (var e = 0; e < env.Count; e++)
                    if (Meta.Str(env[e]?["name"]) is { Length: 0 })
                        causes.Add(Required($"{cpath}.env[{e}].name"));
        }
    }

    private static void ValidatePortName(string name, string field, List<FakeValidationCause> causes)
    {
        if (name.Length > 15) causes.Add(InvalidCause(field, name, "must be no more than 15 characters"));
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[-a-z0-9]+$")) causes.Add(InvalidCause(field, name, "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"));
        if (!name.Any(char.IsLetter)) causes.Add(InvalidCause(field, name, "must contain at least one letter (a-z)"));
        if (name.StartsWith('-') || name.EndsWith('-') || name.Contains("--", StringComparison.Ordinal))
            causes.Add(InvalidCause(field, name, "must not start or end with a hyphen (-) or contain adjacent hyphens"));
    }

    private static void ValidateService(JsonObject spec, List<FakeValidationCause> causes)
    {
        if (spec["ports"] is JsonArray ports)
            for (var i = 0; i < ports.Count; i++)
            {
                if (Meta.Str(ports[i]?["name"]) is { } n && n.Length > 0)
                    foreach (var problem in NameRules.Dns1123Label(n)) causes.Add(InvalidCause($"spec.ports[{i}].name", n, problem));
                if (ports.Count > 1 && string.IsNullOrEmpty(Meta.Str(ports[i]?["name"]))) causes.Add(Required($"spec.ports[{i}].name"));
                if (Meta.Long(ports[i]?["port"]) is { } p && p is < 1 or > 65535)
                    causes.Add(new("FieldValueInvalid", $"spec.ports[{i}].port", $"spec.ports[{i}].port: Invalid value: {p}: must be between 1 and 65535, inclusive"));
            }
        if (Meta.Str(spec["type"]) is { } t && t is not ("ClusterIP" or "NodePort" or "LoadBalancer" or "ExternalName"))
            causes.Add(NotSupported("spec.type", t, "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"));
    }

    private static void ValidateSecret(JsonObject obj, List<FakeValidationCause> causes)
    {
        long total = 0;
        foreach (var field in new[] { "data", "stringData" })
            if (obj[field] is JsonObject data)
                foreach (var (key, value) in data)
                {
                    foreach (var problem in NameRules.SecretKey(key)) causes.Add(InvalidCause($"{field}[{key}]", key, problem));
                    total += Meta.Str(value)?.Length ?? 0;
                }
        if (total > 1024 * 1024) causes.Add(new("FieldValueTooLong", "data", "data: Too long: must have at most 1048576 bytes"));
    }

    private static void ValidateBinding(ResourceType type, JsonObject obj, List<FakeValidationCause> causes)
    {
        if (obj["roleRef"] is JsonObject roleRef)
        {
            var kind = Meta.Str(roleRef["kind"]) ?? "";
            string[] allowed = type == ResourceTypes.RoleBinding ? ["Role", "ClusterRole"] : ["ClusterRole"];
            if (!allowed.Contains(kind)) causes.Add(NotSupported("roleRef.kind", kind, allowed));
            var group = Meta.Str(roleRef["apiGroup"]) ?? "";
            if (group != "rbac.authorization.k8s.io") causes.Add(NotSupported("roleRef.apiGroup", group, "rbac.authorization.k8s.io"));
            if (Meta.Str(roleRef["name"]) is { Length: 0 }) causes.Add(Required("roleRef.name"));
        }
        if (obj["subjects"] is JsonArray subjects)
            for (var i = 0; i < subjects.Count; i++)
            {
                var kind = Meta.Str(subjects[i]?["kind"]) ?? "";
                var path = $"subjects[{i}]";
                switch (kind)
                {
                    case "ServiceAccount":
                        if (Meta.Str(subjects[i]?["apiGroup"]) is { Length: > 0 } g) causes.Add(NotSupported($"{path}.apiGroup", g, ""));
                        if (type == ResourceTypes.ClusterRoleBinding && string.IsNullOrEmpty(Meta.Str(subjects[i]?["namespace"]))) causes.Add(Required($"{path}.namespace"));
                        break;
                    case "User" or "Group":
                        if (Meta.Str(subjects[i]?["apiGroup"]) is var ug && ug != "rbac.authorization.k8s.io") causes.Add(NotSupported($"{path}.apiGroup", ug ?? "", "rbac.authorization.k8s.io"));
                        break;
                    default:
                        causes.Add(NotSupported($"{path}.kind", kind, "ServiceAccount", "User", "Group"));
                        break;
                }
            }
    }

    private static void ValidateImmutable(ResourceType type, JsonObject obj, JsonObject old, List<FakeValidationCause> causes)
    {
        bool Changed(params string[] path)
        {
            JsonNode? a = obj, b = old;
            foreach (var p in path) { a = a?[p]; b = b?[p]; }
            return !JsonNode.DeepEquals(a, b);
        }
        if (type == ResourceTypes.Deployment || type == ResourceTypes.ReplicaSet)
        {
            if (Changed("spec", "selector")) causes.Add(Immutable("spec.selector", Render(obj["spec"]?["selector"])));
        }
        else if (type == ResourceTypes.Job)
        {
            if (Changed("spec", "selector")) causes.Add(Immutable("spec.selector", Render(obj["spec"]?["selector"])));
            if (Changed("spec", "template")) causes.Add(Immutable("spec.template", Render(obj["spec"]?["template"])));
            if (Changed("spec", "completions")) causes.Add(Immutable("spec.completions", Render(obj["spec"]?["completions"])));
        }
        else if (type == ResourceTypes.RoleBinding || type == ResourceTypes.ClusterRoleBinding)
        {
            if (Changed("roleRef")) causes.Add(new("FieldValueInvalid", "roleRef", $"roleRef: Invalid value: {Render(obj["roleRef"])}: cannot change roleRef"));
        }
        else if (type == ResourceTypes.Secret)
        {
            if (Changed("type")) causes.Add(Immutable("type", Render(obj["type"])));
            if (old["immutable"] is JsonValue iv && iv.TryGetValue<bool>(out var immutable) && immutable && (Changed("data") || Changed("stringData")))
                causes.Add(new("FieldValueForbidden", "data", "data: Forbidden: field is immutable when `immutable` is set"));
        }
        else if (type == ResourceTypes.Service)
        {
            if (Meta.Str(old["spec"]?["clusterIP"]) is { Length: > 0 } && Changed("spec", "clusterIP") && obj["spec"]?["clusterIP"] is not null)
                causes.Add(Immutable("spec.clusterIP", Render(obj["spec"]?["clusterIP"])));
        }
    }

    private static string Render(JsonNode? node) => node?.ToJsonString() ?? "null";
}
