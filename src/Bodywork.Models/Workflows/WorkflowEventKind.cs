namespace Bodywork.Models.Workflows;

/// <summary>What happened; see <see cref="WorkflowEvent"/>. New kinds may be added (handle unknown ones).</summary>
public enum WorkflowEventKind
{
    WorkflowStarted,
    StepStarted,
    StageStarted,
    /// <summary>An attempt of a stage begins (batch: 1..RETRIES+1).</summary>
    StageAttemptStarted,
    /// <summary>One line the stage printed (stdout or stderr).</summary>
    StageLog,
    /// <summary>An action on the runtime (process started, job created, port probed): verbose detail.</summary>
    StageAction,
    /// <summary>Short status of a running stage for its progress bar (e.g. <c>waiting for port 5000</c>).</summary>
    StageStatus,
    /// <summary>An attempt failed and another will follow.</summary>
    StageAttemptFailed,
    StageSucceeded,
    StageFailed,
    /// <summary>A service stage accepts connections / rolled out; the event's ServiceUrl says where.</summary>
    ServiceReady,
    StepSucceeded,
    StepFailed,
    WorkflowSucceeded,
    WorkflowFailed,
    WorkflowCancelled,
}
