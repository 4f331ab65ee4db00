namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>
/// apps/v1 ReplicaSet. Bodywork reads them for rollback: revision annotation
/// <c>deployment.kubernetes.io/revision</c>, the controlling ownerReference and the pod template.
/// </summary>
public sealed record ReplicaSet : IKubernetesObject
{
    public string? ApiVersion { get; init; } = "apps/v1";
    public string? Kind { get; init; } = "ReplicaSet";
    public ObjectMeta Metadata { get; init; } = new();
    public ReplicaSetSpec? Spec { get; init; }
    public ReplicaSetStatus? Status { get; init; }
}

/// <summary>ReplicaSet spec.</summary>
public sealed record ReplicaSetSpec
{
    public int? Replicas { get; init; }
    public LabelSelector? Selector { get; init; }
    public PodTemplateSpec? Template { get; init; }
}

/// <summary>ReplicaSet status.</summary>
public sealed record ReplicaSetStatus
{
    public int? Replicas { get; init; }
    public int? ReadyReplicas { get; init; }
    public int? AvailableReplicas { get; init; }
    public long? ObservedGeneration { get; init; }
}
