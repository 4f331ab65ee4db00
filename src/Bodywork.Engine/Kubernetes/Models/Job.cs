namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>batch/v1 Job.</summary>
public sealed record Job : IKubernetesObject
{
    public string? ApiVersion { get; init; } = "batch/v1";
    public string? Kind { get; init; } = "Job";
    public ObjectMeta Metadata { get; init; } = new();
    public JobSpec? Spec { get; init; }
    public JobStatus? Status { get; init; }
}

/// <summary>Job spec. template, selector and completions are immutable once created.</summary>
public sealed record JobSpec
{
    public PodTemplateSpec Template { get; init; } = new();

    /// <summary>Pod failures before the Job fails (server default 6).</summary>
    public int? BackoffLimit { get; init; }

    /// <summary>Deadline since status.startTime; beats backoffLimit.</summary>
    public long? ActiveDeadlineSeconds { get; init; }

    public int? TtlSecondsAfterFinished { get; init; }
    public int? Completions { get; init; }
    public int? Parallelism { get; init; }

    /// <summary>Server-generated unless manualSelector; never set it in a manifest.</summary>
    public LabelSelector? Selector { get; init; }

    public bool? Suspend { get; init; }
}

/// <summary>Job status: conditions decide success or failure (see Watch/JobCompletion).</summary>
public sealed record JobStatus
{
    public IReadOnlyList<JobCondition>? Conditions { get; init; }
    public int? Active { get; init; }
    public int? Succeeded { get; init; }
    public int? Failed { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public DateTimeOffset? CompletionTime { get; init; }
}

/// <summary>A Job condition: Complete, Failed, FailureTarget, SuccessCriteriaMet, Suspended.</summary>
public sealed record JobCondition
{
    public string Type { get; init; } = "";

    /// <summary>"True", "False" or "Unknown".</summary>
    public string Status { get; init; } = "";

    public string? Reason { get; init; }
    public string? Message { get; init; }
    public DateTimeOffset? LastTransitionTime { get; init; }
    public DateTimeOffset? LastProbeTime { get; init; }
}
