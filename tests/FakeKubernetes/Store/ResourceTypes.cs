namespace FakeKubernetes;

/// <summary>How a kind's object names are validated (apimachinery's name rules per kind).</summary>
internal enum NameRule { Dns1123Label, Dns1123Subdomain, Dns1035Label, PathSegment }

/// <summary>One served resource: group/version/kind, plural, scope and the rules the fake applies to it.</summary>
internal sealed record ResourceType(string Group, string Version, string Kind, string Plural, bool Namespaced, NameRule NameRule,
    string[] ShortNames, string Singular, bool HasStatus, bool HasScale)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The "plural.group" form used in messages: <c>jobs.batch</c>, <c>pods</c>.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The "Kind.group" form used in Invalid messages: <c>Job.batch</c>, <c>Pod</c>.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    public override string ToString() => QualifiedPlural;
}

internal static class ResourceTypes
{
    private const string Rbac = "rbac.authorization.k8s.io";

    public static readonly ResourceType Namespace = new("", "v1", "Namespace", "namespaces", false, NameRule.Dns1123Label, ["ns"], "namespace", true, false);
    public static readonly ResourceType ServiceAccount = new("", "v1", "ServiceAccount", "serviceaccounts", true, NameRule.Dns1123Subdomain, ["sa"], "serviceaccount", false, false);
    public static readonly ResourceType Secret = new("", "v1", "Secret", "secrets", true, NameRule.Dns1123Subdomain, [], "secret", false, false);
    public static readonly ResourceType Pod = new("", "v1", "Pod", "pods", true, NameRule.Dns1123Subdomain, ["po"], "pod", true, false);
    public static readonly ResourceType Service = new("", "v1", "Service", "services", true, NameRule.Dns1035Label, ["svc"], "service", true, false);
    public static readonly ResourceType Event = new("", "v1", "Event", "events", true, NameRule.Dns1123Subdomain, ["ev"], "event", false, false);
    public static readonly ResourceType Job = new("batch", "v1", "Job", "jobs", true, NameRule.Dns1123Subdomain, [], "job", true, false);
    public static readonly ResourceType CronJob = new("batch", "v1", "CronJob", "cronjobs", true, NameRule.Dns1123Subdomain, ["cj"], "cronjob", true, false);
    public static readonly ResourceType Deployment = new("apps", "v1", "Deployment", "deployments", true, NameRule.Dns1123Subdomain, ["deploy"], "deployment", true, true);
    public static readonly ResourceType ReplicaSet = new("apps", "v1", "ReplicaSet", "replicasets", true, NameRule.Dns1123Subdomain, ["rs"], "replicaset", true, true);
    public static readonly ResourceType Role = new(Rbac, "v1", "Role", "roles", true, NameRule.PathSegment, [], "role", false, false);
    public static readonly ResourceType RoleBinding = new(Rbac, "v1", "RoleBinding", "rolebindings", true, NameRule.PathSegment, [], "rolebinding", false, false);
    public static readonly ResourceType ClusterRole = new(Rbac, "v1", "ClusterRole", "clusterroles", false, NameRule.PathSegment, [], "clusterrole", false, false);
    public static readonly ResourceType ClusterRoleBinding = new(Rbac, "v1", "ClusterRoleBinding", "clusterrolebindings", false, NameRule.PathSegment, [], "clusterrolebinding", false, false);

    public static readonly IReadOnlyList<ResourceType> All =
        [Namespace, ServiceAccount, Secret, Pod, Service, Event, Job, CronJob, Deployment, ReplicaSet, Role, RoleBinding, ClusterRole, ClusterRoleBinding];

    public static ResourceType? Find(string apiVersion, string kind) =>
        All.FirstOrDefault(t => t.ApiVersion == apiVersion && t.Kind == kind);

    public static ResourceType Require(string apiVersion, string kind) =>
        Find(apiVersion, kind) ?? throw new ArgumentException($"The fake does not serve {apiVersion} {kind}.", nameof(kind));

    public static ResourceType? FindByPlural(string group, string version, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    public static IEnumerable<(string Group, string Version)> GroupVersions =>
        All.Select(t => (t.Group, t.Version)).Distinct();
}
