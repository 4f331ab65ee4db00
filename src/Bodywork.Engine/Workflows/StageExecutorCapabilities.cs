namespace Bodywork.Engine.Workflows;

/// <summary>
/// What an executor does itself instead of the runner. Kubernetes Jobs retry (backoffLimit) and enforce
/// deadlines (activeDeadlineSeconds) server-side; local processes leave both to the runner.
/// </summary>
public sealed record StageExecutorCapabilities
{
    /// <summary>
    /// True: <see cref="IStageExecutor.RunBatchAsync"/> is called once with every attempt allowed
    /// (<see cref="StageExecution.MaxAttempts"/>) and reports <see cref="StageOutcome.Attempts"/>;
    /// it reports attempts through <see cref="IStageEventSink.AttemptStarted"/>/<see cref="IStageEventSink.AttemptFailed"/>.
    /// False: the runner calls it once per attempt.
    /// </summary>
    public bool HandlesRetries { get; init; }

    /// <summary>
    /// True: the executor enforces <see cref="StageExecution.TimeLimit"/> and returns
    /// <see cref="StageOutcomeStatus.TimedOut"/>; the runner only cancels after TimeLimit + <see cref="TimeoutGrace"/>
    /// as a backstop. False: the runner cancels the call when the limit passes and records a timeout.
    /// </summary>
    public bool HandlesTimeouts { get; init; }

    /// <summary>Backstop margin when <see cref="HandlesTimeouts"/> (the original added 60 s per step).</summary>
    public TimeSpan TimeoutGrace { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The runner does attempts and time limits: local processes.</summary>
    public static StageExecutorCapabilities RunnerManaged { get; } = new();
}
