namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>batch/v1 CronJob.</summary>
public sealed record CronJob : IKubernetesObject
{
    public string? ApiVersion { get; init; } = "batch/v1";
    public string? Kind { get; init; } = "CronJob";
    public ObjectMeta Metadata { get; init; } = new();
    public CronJobSpec? Spec { get; init; }
    public CronJobStatus? Status { get; init; }
}

/// <summary>CronJob spec.</summary>
public sealed record CronJobSpec
{
    /// <summary>Five-field cron expression.</summary>
    public string Schedule { get; init; } = "";

    public string? TimeZone { get; init; }

    /// <summary>Allow (default), Forbid or Replace.</summary>
    public string? ConcurrencyPolicy { get; init; }

    public int? SuccessfulJobsHistoryLimit { get; init; }
    public int? FailedJobsHistoryLimit { get; init; }
    public bool? Suspend { get; init; }
    public long? StartingDeadlineSeconds { get; init; }
    public JobTemplateSpec JobTemplate { get; init; } = new();
}

/// <summary>The Job a CronJob creates: its metadata and spec.</summary>
public sealed record JobTemplateSpec
{
    public ObjectMeta? Metadata { get; init; }
    public JobSpec? Spec { get; init; }
}

/// <summary>CronJob status.</summary>
public sealed record CronJobStatus
{
    public DateTimeOffset? LastScheduleTime { get; init; }
    public DateTimeOffset? LastSuccessfulTime { get; init; }
    public IReadOnlyList<ObjectReference>? Active { get; init; }
}

/// <summary>A reference to another object (CronJob's active Jobs).</summary>
public sealed record ObjectReference
{
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }
    public string? Name { get; init; }
    public string? Namespace { get; init; }
    public string? Uid { get; init; }
    public string? ResourceVersion { get; init; }
}
