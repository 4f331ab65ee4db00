using Bodywork.Models.Workflows;

namespace Bodywork.Engine.Workflows;

/// <summary>Turns what an executor reports about one stage into events and the stage's log tail.</summary>
internal sealed class StageEventSink : IStageEventSink
{
    private readonly StageTracker _tracker;
    private readonly RunProgress _progress;
    private readonly int _maxAttempts;
    private int _attempt = 1;

    public StageEventSink(StageTracker tracker, RunProgress progress, int maxAttempts)
    {
        _tracker = tracker;
        _progress = progress;
        _maxAttempts = maxAttempts;
    }

    private string Name => _tracker.Stage.Name;

    public void Log(string line)
    {
        _tracker.AddLogLine(line);
        _progress.Raise(WorkflowEventKind.StageLog, WorkflowLogLevel.Info, line, _tracker.Step, Name,
            Volatile.Read(ref _attempt), _maxAttempts, origin: "stage.run_stage");
    }

    public void Action(string message) =>
        _progress.Raise(WorkflowEventKind.StageAction, WorkflowLogLevel.Info, message, _tracker.Step, Name,
            Volatile.Read(ref _attempt), _maxAttempts);

    public void Status(string status) =>
        _progress.Raise(WorkflowEventKind.StageStatus, WorkflowLogLevel.Debug, status, _tracker.Step, Name,
            Volatile.Read(ref _attempt), _maxAttempts);

    public void AttemptStarted(int attempt)
    {
        Volatile.Write(ref _attempt, attempt);
        _tracker.Attempts = Math.Max(_tracker.Attempts, attempt);
        _tracker.ClearLog();
        _progress.Raise(WorkflowEventKind.StageAttemptStarted, WorkflowLogLevel.Info,
            WorkflowMessages.AttemptStarted(Name, attempt, _maxAttempts), _tracker.Step, Name, attempt, _maxAttempts, origin: "stage.run_stage");
    }

    public void AttemptFailed(int attempt, string reason) =>
        _progress.Raise(WorkflowEventKind.StageAttemptFailed, WorkflowLogLevel.Warning,
            WorkflowMessages.AttemptFailed(Name, attempt, _maxAttempts, reason), _tracker.Step, Name, attempt, _maxAttempts, origin: "stage.run_stage");
}
