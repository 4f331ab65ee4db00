namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>v1 Pod.</summary>
public sealed record Pod : IKubernetesObject
{
    public string? ApiVersion { get; init; } = "v1";
    public string? Kind { get; init; } = "Pod";
    public ObjectMeta Metadata { get; init; } = new();
    public PodSpec? Spec { get; init; }
    public PodStatus? Status { get; init; }
}

/// <summary>A pod template inside a Job, Deployment or ReplicaSet.</summary>
public sealed record PodTemplateSpec
{
    public ObjectMeta? Metadata { get; init; }
    public PodSpec? Spec { get; init; }
}

/// <summary>Pod spec (the fields Bodywork's manifests use).</summary>
public sealed record PodSpec
{
    public IReadOnlyList<Container> Containers { get; init; } = [];
    public IReadOnlyList<Container>? InitContainers { get; init; }

    /// <summary>Always (Deployments), Never or OnFailure (Jobs).</summary>
    public string? RestartPolicy { get; init; }

    public string? ServiceAccountName { get; init; }
    public bool? AutomountServiceAccountToken { get; init; }
    public IReadOnlyList<Volume>? Volumes { get; init; }
    public IReadOnlyList<LocalObjectReference>? ImagePullSecrets { get; init; }
    public IReadOnlyDictionary<string, string>? NodeSelector { get; init; }
    public long? TerminationGracePeriodSeconds { get; init; }
    public long? ActiveDeadlineSeconds { get; init; }
}

/// <summary>Pod status: phase, conditions and per-container state.</summary>
public sealed record PodStatus
{
    /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
    public string? Phase { get; init; }

    public IReadOnlyList<PodCondition>? Conditions { get; init; }
    public IReadOnlyList<ContainerStatus>? ContainerStatuses { get; init; }
    public IReadOnlyList<ContainerStatus>? InitContainerStatuses { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
    public string? PodIP { get; init; }
    public string? HostIP { get; init; }
    public DateTimeOffset? StartTime { get; init; }
}

/// <summary>A pod condition (PodScheduled, Initialized, ContainersReady, Ready).</summary>
public sealed record PodCondition
{
    public string Type { get; init; } = "";

    /// <summary>"True", "False" or "Unknown".</summary>
    public string Status { get; init; } = "";

    public string? Reason { get; init; }
    public string? Message { get; init; }
    public DateTimeOffset? LastTransitionTime { get; init; }
    public DateTimeOffset? LastProbeTime { get; init; }
}
