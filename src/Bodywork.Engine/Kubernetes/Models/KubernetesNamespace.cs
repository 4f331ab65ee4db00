namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>v1 Namespace (cluster-scoped). Named so to avoid the VB keyword.</summary>
public sealed record KubernetesNamespace : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "v1";
    public string? Kind { get; set; } = "Namespace";
    public ObjectMeta Metadata { get; set; } = new();
    public NamespaceStatus? Status { get; set; }
}

/// <summary>Namespace status: phase Active or Terminating.</summary>
public sealed record NamespaceStatus
{
    public string? Phase { get; set; }
}
