namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>
/// apps/v1 ReplicaSet. Bodywork reads them for rollback: revision annotation
/// <c>deployment.kubernetes.io/revision</c>, the controlling ownerReference and the pod template.
/// </summary>
public sealed record ReplicaSet : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "apps/v1";
    public string? Kind { get; set; } = "ReplicaSet";
    public ObjectMeta Metadata { get; set; } = new();
    public ReplicaSetSpec? Spec { get; set; }
    public ReplicaSetStatus? Status { get; set; }
}

/// <summary>ReplicaSet spec.</summary>
public sealed record ReplicaSetSpec
{
    public int? Replicas { get; set; }
    public LabelSelector? Selector { get; set; }
    public PodTemplateSpec? Template { get; set; }
}

/// <summary>ReplicaSet status.</summary>
public sealed record ReplicaSetStatus
{
    public int? Replicas { get; set; }
    public int? ReadyReplicas { get; set; }
    public int? AvailableReplicas { get; set; }
    public long? ObservedGeneration { get; set; }
}
