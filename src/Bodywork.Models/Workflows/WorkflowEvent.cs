namespace Bodywork.Models.Workflows;

/// <summary>
/// A change of state during a workflow run. The runner raises them through <see cref="IWorkflowObserver"/>;
/// the cmdlet maps them to progress/verbose/information, the CLI prints them as log lines.
/// </summary>
public sealed record WorkflowEvent
{
    public required WorkflowEventKind Kind { get; init; }
    public required DateTimeOffset Time { get; init; }
    public required WorkflowLogLevel Level { get; init; }
    /// <summary>Human-readable text in the original's wording (e.g. <c>attempting to execute DAG step=['a', 'b']</c>).</summary>
    public required string Message { get; init; }
    /// <summary>Python-style origin for the log format: <c>workflow.run_workflow</c> or <c>stage.run_stage</c>.</summary>
    public string Origin { get; init; } = "workflow.run_workflow";
    /// <summary>1-based step, or null for workflow-level events.</summary>
    public int? Step { get; init; }
    public int StepCount { get; init; }
    /// <summary>Stage name, or null for workflow/step events.</summary>
    public string? Stage { get; init; }
    /// <summary>1-based attempt for stage events.</summary>
    public int? Attempt { get; init; }
    public int? MaxAttempts { get; init; }
    public string? ServiceUrl { get; init; }
    /// <summary>Stages finished so far and in total (for a progress bar).</summary>
    public int StagesCompleted { get; init; }
    public int StageCount { get; init; }
}
