using System.Text;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>REST coordinates of a kind: group, version, plural, scope (spec §2.1).</summary>
/// <param name="Group">API group; "" for the core group.</param>
/// <param name="Version">API version, e.g. "v1".</param>
/// <param name="Plural">Resource plural used in paths, e.g. "jobs".</param>
/// <param name="Kind">Kind, e.g. "Job".</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
public sealed record KubernetesResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    /// <summary>"v1" or "group/version".</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>"jobs.batch" style name used in server messages.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : Plural + "." + Group;

    /// <summary>
    /// Relative collection path (no leading slash, so it appends to a server URL with a path prefix):
    /// "api/v1/namespaces/ns/pods", "apis/batch/v1/jobs" (namespace null: all namespaces, or cluster-scoped).
    /// </summary>
    public string CollectionPath(string? namespaceName)
    {
        var sb = new StringBuilder(Group.Length == 0 ? "api/" : "apis/" + Group + "/").Append(Version);
        if (Namespaced && namespaceName is not null)
        {
            sb.Append("/namespaces/").Append(Uri.EscapeDataString(namespaceName));
        }

        return sb.Append('/').Append(Plural).ToString();
    }

    /// <summary>Relative path of one object, optionally a subresource ("log", "status", "scale").</summary>
    public string ItemPath(string? namespaceName, string name, string? subresource = null)
    {
        var path = CollectionPath(namespaceName) + "/" + Uri.EscapeDataString(name);
        return subresource is null ? path : path + "/" + subresource;
    }

    internal static readonly KubernetesResourceType Namespace = new("", "v1", "namespaces", "Namespace", false);
    internal static readonly KubernetesResourceType ServiceAccount = new("", "v1", "serviceaccounts", "ServiceAccount", true);
    internal static readonly KubernetesResourceType Secret = new("", "v1", "secrets", "Secret", true);
    internal static readonly KubernetesResourceType Service = new("", "v1", "services", "Service", true);
    internal static readonly KubernetesResourceType Pod = new("", "v1", "pods", "Pod", true);
    internal static readonly KubernetesResourceType Job = new("batch", "v1", "jobs", "Job", true);
    internal static readonly KubernetesResourceType CronJob = new("batch", "v1", "cronjobs", "CronJob", true);
    internal static readonly KubernetesResourceType Deployment = new("apps", "v1", "deployments", "Deployment", true);
    internal static readonly KubernetesResourceType ReplicaSet = new("apps", "v1", "replicasets", "ReplicaSet", true);
    internal static readonly KubernetesResourceType Role = new("rbac.authorization.k8s.io", "v1", "roles", "Role", true);
    internal static readonly KubernetesResourceType RoleBinding = new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true);
    internal static readonly KubernetesResourceType ClusterRole = new("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false);
    internal static readonly KubernetesResourceType ClusterRoleBinding = new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false);
}
