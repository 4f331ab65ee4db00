namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>batch/v1 Job.</summary>
public sealed record Job : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "batch/v1";
    public string? Kind { get; set; } = "Job";
    public ObjectMeta Metadata { get; set; } = new();
    public JobSpec? Spec { get; set; }
    public JobStatus? Status { get; set; }
}

/// <summary>Job spec. template, selector and completions are immutable once created.</summary>
public sealed record JobSpec
{
    public PodTemplateSpec Template { get; set; } = new();

    /// <summary>Pod failures before the Job fails (server default 6).</summary>
    public int? BackoffLimit { get; set; }

    /// <summary>Deadline since status.startTime; beats backoffLimit.</summary>
    public long? ActiveDeadlineSeconds { get; set; }

    public int? TtlSecondsAfterFinished { get; set; }
    public int? Completions { get; set; }
    public int? Parallelism { get; set; }

    /// <summary>Server-generated unless manualSelector; never set it in a manifest.</summary>
    public LabelSelector? Selector { get; set; }

    public bool? Suspend { get; set; }
}

/// <summary>Job status: conditions decide success or failure (see Watch/JobCompletion).</summary>
public sealed record JobStatus
{
    public IReadOnlyList<JobCondition>? Conditions { get; set; }
    public int? Active { get; set; }
    public int? Succeeded { get; set; }
    public int? Failed { get; set; }
    public DateTimeOffset? StartTime { get; set; }
    public DateTimeOffset? CompletionTime { get; set; }
}

/// <summary>A Job condition: Complete, Failed, FailureTarget, SuccessCriteriaMet, Suspended.</summary>
public sealed record JobCondition
{
    public string Type { get; set; } = "";

    /// <summary>"True", "False" or "Unknown".</summary>
    public string Status { get; set; } = "";

    public string? Reason { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
    public DateTimeOffset? LastProbeTime { get; set; }
}
