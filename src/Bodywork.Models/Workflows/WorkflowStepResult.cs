namespace Bodywork.Models.Workflows;

/// <summary>One DAG step: stages that ran in parallel.</summary>
public sealed class WorkflowStepResult
{
    /// <summary>1-based position in the DAG.</summary>
    public required int Step { get; init; }
    public required StageRunStatus Status { get; init; }
    public required IReadOnlyList<WorkflowStageResult> Stages { get; init; }
    public TimeSpan? Duration { get; init; }

    /// <summary>The stage names, as the original logs a step: <c>prepare, train</c>.</summary>
    public string StageNames => string.Join(", ", Stages.Select(s => s.Stage));
}
