namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>v1 Namespace (cluster-scoped). Named so to avoid the VB keyword.</summary>
public sealed record KubernetesNamespace : IKubernetesObject
{
    public string? ApiVersion { get; init; } = "v1";
    public string? Kind { get; init; } = "Namespace";
    public ObjectMeta Metadata { get; init; } = new();
    public NamespaceStatus? Status { get; init; }
}

/// <summary>Namespace status: phase Active or Terminating.</summary>
public sealed record NamespaceStatus
{
    public string? Phase { get; init; }
}
