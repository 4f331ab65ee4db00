using Bodywork.Models.Workflows;

namespace Bodywork.Engine.Workflows;

/// <summary>Builds events with the run's counters and hands them to the observer (thread-safe).</summary>
internal sealed class RunProgress
{
    private readonly IWorkflowObserver _observer;
    private readonly TimeProvider _time;
    private readonly int _stepCount;
    private readonly int _stageCount;
    private int _completed;

    public RunProgress(WorkflowExecutionContext run, int stageCount, IWorkflowObserver observer, TimeProvider time)
    {
        _observer = observer;
        _time = time;
        _stepCount = run.Project.Steps.Count;
        _stageCount = stageCount;
    }

    public void StageFinished() => Interlocked.Increment(ref _completed);

    public void Raise(WorkflowEventKind kind, WorkflowLogLevel level, string message, int? step = null, string? stage = null,
        int? attempt = null, int? maxAttempts = null, string? serviceUrl = null, string origin = "workflow.run_workflow") =>
        _observer.OnEvent(new WorkflowEvent
        {
            Kind = kind,
            Time = _time.GetUtcNow(),
            Level = level,
            Message = message,
            Origin = origin,
            Step = step,
            StepCount = _stepCount,
            Stage = stage,
            Attempt = attempt,
            MaxAttempts = maxAttempts,
            ServiceUrl = serviceUrl,
            StagesCompleted = Volatile.Read(ref _completed),
            StageCount = _stageCount,
        });
}
