using System.Collections.Concurrent;
using Bodywork.Models.Operations;
using Bodywork.Models.Workflows;

namespace Bodywork.Engine.Workflows;

/// <summary>
/// Maps workflow events onto an <see cref="IOperationContext"/> (a cmdlet's streams): a parent progress bar
/// for the workflow and a child bar per running stage; stage output on the Information stream tagged
/// <c>Bodywork</c>, <c>StageLog</c> and the stage name; lifecycle lines on Information tagged
/// <c>Bodywork</c>, <c>Workflow</c>; actions on Verbose; failed attempts and stages on Warning.
/// </summary>
public sealed class OperationContextWorkflowObserver : IWorkflowObserver
{
    /// <summary>Information tag on every record this observer writes.</summary>
    public const string Tag = "Bodywork";
    /// <summary>Information tag on stage output lines (besides the stage name).</summary>
    public const string StageLogTag = "StageLog";
    /// <summary>Information tag on workflow/step/stage lifecycle lines.</summary>
    public const string WorkflowTag = "Workflow";

    private readonly IOperationContext _context;
    private readonly int _parentActivityId;
    private readonly ConcurrentDictionary<string, int> _stageActivities = new(StringComparer.Ordinal);
    private string _activity = "Bodywork workflow";

    /// <param name="context">Where to write.</param>
    /// <param name="parentActivityId">Progress id of the workflow bar; stage bars use the ids after it.</param>
    public OperationContextWorkflowObserver(IOperationContext context, int parentActivityId = 1)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _parentActivityId = parentActivityId;
    }

    public void OnEvent(WorkflowEvent workflowEvent)
    {
        ArgumentNullException.ThrowIfNull(workflowEvent);
        var e = workflowEvent;
        switch (e.Kind)
        {
            case WorkflowEventKind.StageLog:
                _context.WriteInformation(e.Message, Tag, StageLogTag, e.Stage ?? "");
                return;
            case WorkflowEventKind.StageAction:
                _context.WriteVerbose(e.Stage is null ? e.Message : $"{e.Stage}: {e.Message}");
                return;
            case WorkflowEventKind.StageStatus:
                StageBar(e, e.Message, completed: false);
                return;
            case WorkflowEventKind.WorkflowStarted:
                _activity = $"Bodywork workflow ({e.StepCount} steps, {e.StageCount} stages)";
                WorkflowBar(e, "starting", completed: false);
                break;
            case WorkflowEventKind.StepStarted:
                WorkflowBar(e, $"step {e.Step} of {e.StepCount}", completed: false);
                break;
            case WorkflowEventKind.StageStarted:
                StageBar(e, "starting", completed: false);
                break;
            case WorkflowEventKind.StageAttemptStarted:
                StageBar(e, $"attempt {e.Attempt} of {e.MaxAttempts}", completed: false);
                break;
            case WorkflowEventKind.StageAttemptFailed:
                _context.WriteWarning(e.Message);
                break;
            case WorkflowEventKind.StageSucceeded:
            case WorkflowEventKind.StageFailed:
                StageBar(e, e.Kind == WorkflowEventKind.StageSucceeded ? "succeeded" : "failed", completed: true);
                WorkflowBar(e, $"step {e.Step} of {e.StepCount}", completed: false);
                if (e.Kind == WorkflowEventKind.StageFailed)
                {
                    _context.WriteWarning(e.Message);
                }

                break;
            case WorkflowEventKind.WorkflowSucceeded:
            case WorkflowEventKind.WorkflowFailed:
            case WorkflowEventKind.WorkflowCancelled:
                foreach (var stage in _stageActivities.Keys)
                {
                    StageBar(e with { Stage = stage }, "stopped", completed: true);
                }

                WorkflowBar(e, e.Kind.ToString(), completed: true);
                break;
        }

        _context.WriteInformation(e.Message, Tag, WorkflowTag);
        _context.WriteVerbose(e.Message);
    }

    private void WorkflowBar(WorkflowEvent e, string status, bool completed) =>
        _context.WriteProgress(new ProgressUpdate(_parentActivityId, _activity, status,
            e.StageCount > 0 ? Math.Clamp(e.StagesCompleted * 100 / e.StageCount, 0, 100) : -1, Completed: completed));

    private void StageBar(WorkflowEvent e, string status, bool completed)
    {
        if (e.Stage is null)
        {
            return;
        }

        int id;
        if (completed)
        {
            if (!_stageActivities.TryRemove(e.Stage, out id))
            {
                return;
            }
        }
        else
        {
            id = _stageActivities.GetOrAdd(e.Stage, _ => _parentActivityId + 1 + Interlocked.Increment(ref _nextChild));
        }

        _context.WriteProgress(new ProgressUpdate(id, $"Stage {e.Stage}", status, ParentActivityId: _parentActivityId, Completed: completed));
    }

    private int _nextChild;
}
