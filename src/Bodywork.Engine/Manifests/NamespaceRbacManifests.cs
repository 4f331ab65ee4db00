using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Manifests;

/// <summary>
/// The objects New-BodyworkNamespace / <c>bodywork setup-namespace</c> creates, with the original's names
/// (<see cref="BodyworkNames"/>) but least-privilege rules instead of its <c>*</c> wildcards. Every rule is
/// explained in docs/namespace-rbac.md; keep the two in step.
/// </summary>
public static class NamespaceRbacManifests
{
    private const string RbacGroup = "rbac.authorization.k8s.io";

    /// <summary>The shared ClusterRole's name (one per cluster, bound once per namespace).</summary>
    public const string WorkflowControllerClusterRole = BodyworkNames.WorkflowControllerAccount;

    public static KubernetesNamespace Namespace(string name) =>
        new() { Metadata = new ObjectMeta { Name = name, Labels = BodyworkLabels.ForObject() } };

    public static ServiceAccount WorkflowControllerAccount(string @namespace) => Account(@namespace, BodyworkNames.WorkflowControllerAccount);

    public static ServiceAccount StageAccount(string @namespace) => Account(@namespace, BodyworkNames.StageAccount);

    /// <summary>What a workflow run does inside its namespace: apply and watch stage Jobs and Deployments, read their pods and logs, expose Services, check secrets.</summary>
    public static Role WorkflowControllerRole(string @namespace) => new()
    {
        Metadata = Meta(BodyworkNames.WorkflowControllerAccount, @namespace),
        Rules = WorkflowControllerRules,
    };

    /// <summary>Stage containers need no API access: their secrets arrive through secretKeyRef, which the kubelet resolves.</summary>
    public static Role StageRole(string @namespace) => new()
    {
        Metadata = Meta(BodyworkNames.StageAccount, @namespace),
        Rules = [],
    };

    public static RoleBinding WorkflowControllerRoleBinding(string @namespace) => Binding(@namespace, BodyworkNames.WorkflowControllerAccount);

    public static RoleBinding StageRoleBinding(string @namespace) => Binding(@namespace, BodyworkNames.StageAccount);

    /// <summary>Cluster-scoped reads the in-cluster controller needs for the namespace check (GETs only).</summary>
    public static ClusterRole WorkflowControllerClusterRoleObject() => new()
    {
        Metadata = new ObjectMeta { Name = WorkflowControllerClusterRole, Labels = BodyworkLabels.ForObject() },
        Rules = ClusterRules,
    };

    /// <summary>Binds the shared ClusterRole to this namespace's workflow controller account.</summary>
    public static ClusterRoleBinding WorkflowControllerClusterRoleBinding(string @namespace) => new()
    {
        Metadata = new ObjectMeta { Name = BodyworkNames.WorkflowControllerClusterRoleBinding(@namespace), Labels = BodyworkLabels.ForObject() },
        RoleRef = new RoleRef { ApiGroup = RbacGroup, Kind = "ClusterRole", Name = WorkflowControllerClusterRole },
        Subjects = [ServiceAccountSubject(@namespace, BodyworkNames.WorkflowControllerAccount)],
    };

    /// <summary>The namespace Role's rules, in docs/namespace-rbac.md order.</summary>
    public static IReadOnlyList<PolicyRule> WorkflowControllerRules { get; } =
    [
        Rule("batch", "jobs", "get", "list", "watch", "create", "patch", "delete"),
        Rule("apps", "deployments", "get", "list", "watch", "create", "patch", "delete"),
        Rule("apps", "replicasets", "get", "list", "watch"),
        Rule("", "services", "get", "list", "create", "patch", "delete"),
        Rule("", "pods", "get", "list", "watch"),
        Rule("", "pods/log", "get"),
        Rule("", "secrets", "get", "list"),
        Rule("", "serviceaccounts", "get"),
    ];

    /// <summary>The ClusterRole's rules.</summary>
    public static IReadOnlyList<PolicyRule> ClusterRules { get; } =
    [
        Rule("", "namespaces", "get"),
        Rule(RbacGroup, "clusterrolebindings", "get"),
    ];

    private static ServiceAccount Account(string @namespace, string name) => new() { Metadata = Meta(name, @namespace) };

    private static RoleBinding Binding(string @namespace, string name) => new()
    {
        Metadata = Meta(name, @namespace),
        RoleRef = new RoleRef { ApiGroup = RbacGroup, Kind = "Role", Name = name },
        Subjects = [ServiceAccountSubject(@namespace, name)],
    };

    private static Subject ServiceAccountSubject(string @namespace, string name) =>
        new() { Kind = "ServiceAccount", Name = name, Namespace = @namespace };

    private static ObjectMeta Meta(string name, string @namespace) =>
        new() { Name = name, Namespace = @namespace, Labels = BodyworkLabels.ForObject() };

    private static PolicyRule Rule(string group, string resource, params string[] verbs) =>
        new() { ApiGroups = [group], Resources = [resource], Verbs = verbs };
}
