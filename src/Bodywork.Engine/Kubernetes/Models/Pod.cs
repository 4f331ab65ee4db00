namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>v1 Pod.</summary>
public sealed record Pod : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "v1";
    public string? Kind { get; set; } = "Pod";
    public ObjectMeta Metadata { get; set; } = new();
    public PodSpec? Spec { get; set; }
    public PodStatus? Status { get; set; }
}

/// <summary>A pod template inside a Job, Deployment or ReplicaSet.</summary>
public sealed record PodTemplateSpec
{
    public ObjectMeta? Metadata { get; set; }
    public PodSpec? Spec { get; set; }
}

/// <summary>Pod spec (the fields Bodywork's manifests use).</summary>
public sealed record PodSpec
{
    public IReadOnlyList<Container> Containers { get; set; } = [];
    public IReadOnlyList<Container>? InitContainers { get; set; }

    /// <summary>Always (Deployments), Never or OnFailure (Jobs).</summary>
    public string? RestartPolicy { get; set; }

    public string? ServiceAccountName { get; set; }
    public bool? AutomountServiceAccountToken { get; set; }
    public IReadOnlyList<Volume>? Volumes { get; set; }
    public IReadOnlyList<LocalObjectReference>? ImagePullSecrets { get; set; }
    public IReadOnlyDictionary<string, string>? NodeSelector { get; set; }
    public long? TerminationGracePeriodSeconds { get; set; }
    public long? ActiveDeadlineSeconds { get; set; }
}

/// <summary>Pod status: phase, conditions and per-container state.</summary>
public sealed record PodStatus
{
    /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
    public string? Phase { get; set; }

    public IReadOnlyList<PodCondition>? Conditions { get; set; }
    public IReadOnlyList<ContainerStatus>? ContainerStatuses { get; set; }
    public IReadOnlyList<ContainerStatus>? InitContainerStatuses { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public string? PodIP { get; set; }
    public string? HostIP { get; set; }
    public DateTimeOffset? StartTime { get; set; }
}

/// <summary>A pod condition (PodScheduled, Initialized, ContainersReady, Ready).</summary>
public sealed record PodCondition
{
    public string Type { get; set; } = "";

    /// <summary>"True", "False" or "Unknown".</summary>
    public string Status { get; set; } = "";

    public string? Reason { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
    public DateTimeOffset? LastProbeTime { get; set; }
}
