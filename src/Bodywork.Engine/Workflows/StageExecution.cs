using Bodywork.Models.Projects;

namespace Bodywork.Engine.Workflows;

/// <summary>One call of an executor for one stage (one attempt unless the executor handles retries).</summary>
public sealed class StageExecution
{
    public required WorkflowExecutionContext Run { get; init; }
    public required BodyworkStage Stage { get; init; }
    /// <summary>1-based DAG step.</summary>
    public required int Step { get; init; }
    /// <summary>1-based attempt (always 1 when the executor handles retries).</summary>
    public required int Attempt { get; init; }
    /// <summary>RETRIES + 1 for batch stages, 1 for services.</summary>
    public required int MaxAttempts { get; init; }
    /// <summary>MAX_COMPLETION_TIME_SECONDS (batch, per attempt) or MAX_STARTUP_TIME_SECONDS (service).</summary>
    public required TimeSpan TimeLimit { get; init; }
    public required IStageEventSink Events { get; init; }
}
