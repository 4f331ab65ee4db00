namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>v1 ServiceAccount.</summary>
public sealed record ServiceAccount : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "v1";
    public string? Kind { get; set; } = "ServiceAccount";
    public ObjectMeta Metadata { get; set; } = new();
    public bool? AutomountServiceAccountToken { get; set; }
    public IReadOnlyList<LocalObjectReference>? ImagePullSecrets { get; set; }
}

/// <summary>A reference to an object in the same namespace by name.</summary>
public sealed record LocalObjectReference
{
    public string? Name { get; set; }
}
