namespace Bodywork.Engine.Workflows;

/// <summary>How an executor call ended.</summary>
public enum StageOutcomeStatus
{
    Succeeded,
    Failed,
    TimedOut,
}

/// <summary>The result of <see cref="IStageExecutor.RunBatchAsync"/> or <see cref="IStageExecutor.StartServiceAsync"/>.</summary>
public sealed record StageOutcome
{
    public required StageOutcomeStatus Status { get; init; }
    /// <summary>Why it failed (e.g. <c>exit code 1</c>, <c>port 5000 not open after 30 s</c>).</summary>
    public string? Error { get; init; }
    /// <summary>Attempts made, when the executor handles retries; null: the runner counts.</summary>
    public int? Attempts { get; init; }
    /// <summary>Service stages: the URL it answers on.</summary>
    public string? ServiceUrl { get; init; }

    public static StageOutcome Success(string? serviceUrl = null) => new() { Status = StageOutcomeStatus.Succeeded, ServiceUrl = serviceUrl };
    public static StageOutcome Failure(string error) => new() { Status = StageOutcomeStatus.Failed, Error = error };
    public static StageOutcome Timeout(string error) => new() { Status = StageOutcomeStatus.TimedOut, Error = error };
}
