using Bodywork.Models.Projects;

namespace Bodywork.Models.Workflows;

/// <summary>One stage of a workflow run: what ran, how often, how it ended.</summary>
public sealed class WorkflowStageResult
{
    public required string Stage { get; init; }
    /// <summary>1-based number of the DAG step the stage ran in.</summary>
    public required int Step { get; init; }
    public required StageKind Kind { get; init; }
    /// <summary><c>&lt;project&gt;--&lt;stage&gt;</c>: the Job/Deployment name on a cluster, the service name locally.</summary>
    public required string ObjectName { get; init; }
    public required StageRunStatus Status { get; init; }
    /// <summary>Attempts made (batch: up to RETRIES + 1; service: 1); 0 when not started.</summary>
    public int Attempts { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public TimeSpan? Duration { get; init; }
    /// <summary>Service stages: where the service answers (http://127.0.0.1:PORT locally).</summary>
    public string? ServiceUrl { get; init; }
    /// <summary>Why the stage failed, or null.</summary>
    public string? Error { get; init; }
    /// <summary>The last lines the stage printed (most recent attempt), oldest first.</summary>
    public IReadOnlyList<string> LogTail { get; init; } = [];
}
