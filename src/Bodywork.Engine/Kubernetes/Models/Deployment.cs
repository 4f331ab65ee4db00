namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>apps/v1 Deployment.</summary>
public sealed record Deployment : IKubernetesObject
{
    public string? ApiVersion { get; init; } = "apps/v1";
    public string? Kind { get; init; } = "Deployment";
    public ObjectMeta Metadata { get; init; } = new();
    public DeploymentSpec? Spec { get; init; }
    public DeploymentStatus? Status { get; init; }
}

/// <summary>Deployment spec. selector is immutable and must match the template's labels.</summary>
public sealed record DeploymentSpec
{
    public int? Replicas { get; init; }
    public LabelSelector Selector { get; init; } = new();
    public PodTemplateSpec Template { get; init; } = new();
    public DeploymentStrategy? Strategy { get; init; }
    public int? RevisionHistoryLimit { get; init; }

    /// <summary>Seconds without progress before Progressing=False/ProgressDeadlineExceeded (default 600).</summary>
    public int? ProgressDeadlineSeconds { get; init; }

    public int? MinReadySeconds { get; init; }
    public bool? Paused { get; init; }
}

/// <summary>RollingUpdate (default) or Recreate.</summary>
public sealed record DeploymentStrategy
{
    public string? Type { get; init; }
    public RollingUpdateDeployment? RollingUpdate { get; init; }
}

/// <summary>Rolling update bounds: a count or a percentage ("25%").</summary>
public sealed record RollingUpdateDeployment
{
    public IntOrString? MaxUnavailable { get; init; }
    public IntOrString? MaxSurge { get; init; }
}

/// <summary>Deployment status as the rollout check (Watch/RolloutStatus) reads it.</summary>
public sealed record DeploymentStatus
{
    public long? ObservedGeneration { get; init; }
    public int? Replicas { get; init; }
    public int? UpdatedReplicas { get; init; }
    public int? ReadyReplicas { get; init; }
    public int? AvailableReplicas { get; init; }
    public int? UnavailableReplicas { get; init; }
    public IReadOnlyList<DeploymentCondition>? Conditions { get; init; }
}

/// <summary>A Deployment condition: Available, Progressing, ReplicaFailure.</summary>
public sealed record DeploymentCondition
{
    public string Type { get; init; } = "";

    /// <summary>"True", "False" or "Unknown".</summary>
    public string Status { get; init; } = "";

    public string? Reason { get; init; }
    public string? Message { get; init; }
    public DateTimeOffset? LastUpdateTime { get; init; }
    public DateTimeOffset? LastTransitionTime { get; init; }
}
