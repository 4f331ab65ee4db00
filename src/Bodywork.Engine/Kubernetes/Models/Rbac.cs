namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>rbac.authorization.k8s.io/v1 Role (namespaced).</summary>
public sealed record Role : IKubernetesObject
{
    public string? ApiVersion { get; init; } = "rbac.authorization.k8s.io/v1";
    public string? Kind { get; init; } = "Role";
    public ObjectMeta Metadata { get; init; } = new();
    public IReadOnlyList<PolicyRule>? Rules { get; init; }
}

/// <summary>rbac.authorization.k8s.io/v1 ClusterRole (cluster-scoped).</summary>
public sealed record ClusterRole : IKubernetesObject
{
    public string? ApiVersion { get; init; } = "rbac.authorization.k8s.io/v1";
    public string? Kind { get; init; } = "ClusterRole";
    public ObjectMeta Metadata { get; init; } = new();
    public IReadOnlyList<PolicyRule>? Rules { get; init; }
}

/// <summary>One RBAC rule: verbs on resources of API groups (or non-resource URLs).</summary>
public sealed record PolicyRule
{
    public IReadOnlyList<string>? ApiGroups { get; init; }
    public IReadOnlyList<string>? Resources { get; init; }
    public IReadOnlyList<string>? ResourceNames { get; init; }
    public IReadOnlyList<string> Verbs { get; init; } = [];
    public IReadOnlyList<string>? NonResourceURLs { get; init; }
}

/// <summary>rbac.authorization.k8s.io/v1 RoleBinding (namespaced). roleRef is immutable.</summary>
public sealed record RoleBinding : IKubernetesObject
{
    public string? ApiVersion { get; init; } = "rbac.authorization.k8s.io/v1";
    public string? Kind { get; init; } = "RoleBinding";
    public ObjectMeta Metadata { get; init; } = new();
    public IReadOnlyList<Subject>? Subjects { get; init; }
    public RoleRef RoleRef { get; init; } = new();
}

/// <summary>rbac.authorization.k8s.io/v1 ClusterRoleBinding (cluster-scoped). roleRef is immutable.</summary>
public sealed record ClusterRoleBinding : IKubernetesObject
{
    public string? ApiVersion { get; init; } = "rbac.authorization.k8s.io/v1";
    public string? Kind { get; init; } = "ClusterRoleBinding";
    public ObjectMeta Metadata { get; init; } = new();
    public IReadOnlyList<Subject>? Subjects { get; init; }
    public RoleRef RoleRef { get; init; } = new();
}

/// <summary>
/// Who a binding applies to. ServiceAccount subjects need <see cref="Namespace"/> and an empty (omitted)
/// apiGroup; User/Group use apiGroup rbac.authorization.k8s.io.
/// </summary>
public sealed record Subject
{
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Namespace { get; init; }
    public string? ApiGroup { get; init; }
}

/// <summary>The role a binding grants: apiGroup rbac.authorization.k8s.io, kind Role or ClusterRole.</summary>
public sealed record RoleRef
{
    public string ApiGroup { get; init; } = "rbac.authorization.k8s.io";
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
}
