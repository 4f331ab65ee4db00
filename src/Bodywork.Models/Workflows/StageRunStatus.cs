namespace Bodywork.Models.Workflows;

/// <summary>Outcome of one stage (and of one step: the worst of its stages).</summary>
public enum StageRunStatus
{
    /// <summary>Not reached: an earlier step failed or the run was cancelled first.</summary>
    NotStarted,
    Running,
    Succeeded,
    /// <summary>Every attempt failed (non-zero exit, failed pod, service not ready).</summary>
    Failed,
    /// <summary>The last attempt ran past MAX_COMPLETION_TIME_SECONDS / MAX_STARTUP_TIME_SECONDS.</summary>
    TimedOut,
    Cancelled,
}
