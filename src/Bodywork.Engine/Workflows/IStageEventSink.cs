namespace Bodywork.Engine.Workflows;

/// <summary>
/// What an executor reports while a stage runs. The runner turns it into <c>WorkflowEvent</c>s and keeps
/// the log tail. Thread-safe; may be called until the executor's call returns.
/// </summary>
public interface IStageEventSink
{
    /// <summary>One line of the stage's output (no trailing newline). Never pass secret values.</summary>
    void Log(string line);

    /// <summary>An action on the runtime, e.g. <c>creating job=p--s in namespace=ns</c> or <c>started process 4242</c>.</summary>
    void Action(string message);

    /// <summary>Short status for the stage's progress bar, e.g. <c>waiting for port 5000</c>.</summary>
    void Status(string status);

    /// <summary>Only for executors that handle retries: attempt <paramref name="attempt"/> begins.</summary>
    void AttemptStarted(int attempt);

    /// <summary>Only for executors that handle retries: attempt <paramref name="attempt"/> failed because of <paramref name="reason"/>, another follows.</summary>
    void AttemptFailed(int attempt, string reason);
}
