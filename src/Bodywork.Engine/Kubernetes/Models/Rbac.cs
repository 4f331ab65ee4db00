namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>rbac.authorization.k8s.io/v1 Role (namespaced).</summary>
public sealed record Role : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "rbac.authorization.k8s.io/v1";
    public string? Kind { get; set; } = "Role";
    public ObjectMeta Metadata { get; set; } = new();
    public IReadOnlyList<PolicyRule>? Rules { get; set; }
}

/// <summary>rbac.authorization.k8s.io/v1 ClusterRole (cluster-scoped).</summary>
public sealed record ClusterRole : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "rbac.authorization.k8s.io/v1";
    public string? Kind { get; set; } = "ClusterRole";
    public ObjectMeta Metadata { get; set; } = new();
    public IReadOnlyList<PolicyRule>? Rules { get; set; }
}

/// <summary>One RBAC rule: verbs on resources of API groups (or non-resource URLs).</summary>
public sealed record PolicyRule
{
    public IReadOnlyList<string>? ApiGroups { get; set; }
    public IReadOnlyList<string>? Resources { get; set; }
    public IReadOnlyList<string>? ResourceNames { get; set; }
    public IReadOnlyList<string> Verbs { get; set; } = [];
    public IReadOnlyList<string>? NonResourceURLs { get; set; }
}

/// <summary>rbac.authorization.k8s.io/v1 RoleBinding (namespaced). roleRef is immutable.</summary>
public sealed record RoleBinding : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "rbac.authorization.k8s.io/v1";
    public string? Kind { get; set; } = "RoleBinding";
    public ObjectMeta Metadata { get; set; } = new();
    public IReadOnlyList<Subject>? Subjects { get; set; }
    public RoleRef RoleRef { get; set; } = new();
}

/// <summary>rbac.authorization.k8s.io/v1 ClusterRoleBinding (cluster-scoped). roleRef is immutable.</summary>
public sealed record ClusterRoleBinding : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "rbac.authorization.k8s.io/v1";
    public string? Kind { get; set; } = "ClusterRoleBinding";
    public ObjectMeta Metadata { get; set; } = new();
    public IReadOnlyList<Subject>? Subjects { get; set; }
    public RoleRef RoleRef { get; set; } = new();
}

/// <summary>
/// Who a binding applies to. ServiceAccount subjects need <see cref="Namespace"/> and an empty (omitted)
/// apiGroup; User/Group use apiGroup rbac.authorization.k8s.io.
/// </summary>
public sealed record Subject
{
    public string Kind { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Namespace { get; set; }
    public string? ApiGroup { get; set; }
}

/// <summary>The role a binding grants: apiGroup rbac.authorization.k8s.io, kind Role or ClusterRole.</summary>
public sealed record RoleRef
{
    public string ApiGroup { get; set; } = "rbac.authorization.k8s.io";
    public string Kind { get; set; } = "";
    public string Name { get; set; } = "";
}
