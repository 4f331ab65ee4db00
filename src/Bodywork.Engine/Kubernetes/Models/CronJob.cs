namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>batch/v1 CronJob.</summary>
public sealed record CronJob : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "batch/v1";
    public string? Kind { get; set; } = "CronJob";
    public ObjectMeta Metadata { get; set; } = new();
    public CronJobSpec? Spec { get; set; }
    public CronJobStatus? Status { get; set; }
}

/// <summary>CronJob spec.</summary>
public sealed record CronJobSpec
{
    /// <summary>Five-field cron expression.</summary>
    public string Schedule { get; set; } = "";

    public string? TimeZone { get; set; }

    /// <summary>Allow (default), Forbid or Replace.</summary>
    public string? ConcurrencyPolicy { get; set; }

    public int? SuccessfulJobsHistoryLimit { get; set; }
    public int? FailedJobsHistoryLimit { get; set; }
    public bool? Suspend { get; set; }
    public long? StartingDeadlineSeconds { get; set; }
    public JobTemplateSpec JobTemplate { get; set; } = new();
}

/// <summary>The Job a CronJob creates: its metadata and spec.</summary>
public sealed record JobTemplateSpec
{
    public ObjectMeta? Metadata { get; set; }
    public JobSpec? Spec { get; set; }
}

/// <summary>CronJob status.</summary>
public sealed record CronJobStatus
{
    public DateTimeOffset? LastScheduleTime { get; set; }
    public DateTimeOffset? LastSuccessfulTime { get; set; }
    public IReadOnlyList<ObjectReference>? Active { get; set; }
}

/// <summary>A reference to another object (CronJob's active Jobs).</summary>
public sealed record ObjectReference
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public string? Name { get; set; }
    public string? Namespace { get; set; }
    public string? Uid { get; set; }
    public string? ResourceVersion { get; set; }
}
