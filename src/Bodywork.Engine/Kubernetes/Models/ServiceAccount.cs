namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>v1 ServiceAccount.</summary>
public sealed record ServiceAccount : IKubernetesObject
{
    public string? ApiVersion { get; init; } = "v1";
    public string? Kind { get; init; } = "ServiceAccount";
    public ObjectMeta Metadata { get; init; } = new();
    public bool? AutomountServiceAccountToken { get; init; }
    public IReadOnlyList<LocalObjectReference>? ImagePullSecrets { get; init; }
}

/// <summary>A reference to an object in the same namespace by name.</summary>
public sealed record LocalObjectReference
{
    public string? Name { get; init; }
}
