namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>apps/v1 Deployment.</summary>
public sealed record Deployment : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "apps/v1";
    public string? Kind { get; set; } = "Deployment";
    public ObjectMeta Metadata { get; set; } = new();
    public DeploymentSpec? Spec { get; set; }
    public DeploymentStatus? Status { get; set; }
}

/// <summary>Deployment spec. selector is immutable and must match the template's labels.</summary>
public sealed record DeploymentSpec
{
    public int? Replicas { get; set; }
    public LabelSelector Selector { get; set; } = new();
    public PodTemplateSpec Template { get; set; } = new();
    public DeploymentStrategy? Strategy { get; set; }
    public int? RevisionHistoryLimit { get; set; }

    /// <summary>Seconds without progress before Progressing=False/ProgressDeadlineExceeded (default 600).</summary>
    public int? ProgressDeadlineSeconds { get; set; }

    public int? MinReadySeconds { get; set; }
    public bool? Paused { get; set; }
}

/// <summary>RollingUpdate (default) or Recreate.</summary>
public sealed record DeploymentStrategy
{
    public string? Type { get; set; }
    public RollingUpdateDeployment? RollingUpdate { get; set; }
}

/// <summary>Rolling update bounds: a count or a percentage ("25%").</summary>
public sealed record RollingUpdateDeployment
{
    public IntOrString? MaxUnavailable { get; set; }
    public IntOrString? MaxSurge { get; set; }
}

/// <summary>Deployment status as the rollout check (Watch/RolloutStatus) reads it.</summary>
public sealed record DeploymentStatus
{
    public long? ObservedGeneration { get; set; }
    public int? Replicas { get; set; }
    public int? UpdatedReplicas { get; set; }
    public int? ReadyReplicas { get; set; }
    public int? AvailableReplicas { get; set; }
    public int? UnavailableReplicas { get; set; }
    public IReadOnlyList<DeploymentCondition>? Conditions { get; set; }
}

/// <summary>A Deployment condition: Available, Progressing, ReplicaFailure.</summary>
public sealed record DeploymentCondition
{
    public string Type { get; set; } = "";

    /// <summary>"True", "False" or "Unknown".</summary>
    public string Status { get; set; } = "";

    public string? Reason { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset? LastUpdateTime { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
}
