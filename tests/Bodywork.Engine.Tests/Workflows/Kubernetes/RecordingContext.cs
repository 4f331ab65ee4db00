using System.Collections.Concurrent;
using Bodywork.Models.Operations;
using Bodywork.Models.Workflows;

namespace Bodywork.Engine.Tests.Workflows.Kubernetes;

/// <summary>An operation context and observer that record everything (thread-safe) and answer ShouldProcess as told.</summary>
internal sealed class RecordingContext : IOperationContext, IWorkflowObserver, IDisposable
{
    private readonly CancellationTokenSource _cancel = new();

    public RecordingContext(bool shouldProcess = true) => Approve = shouldProcess;

    public bool Approve { get; }
    public ConcurrentQueue<string> Verbose { get; } = new();
    public ConcurrentQueue<(string Target, string Action)> Asked { get; } = new();
    public ConcurrentQueue<WorkflowEvent> Events { get; } = new();
    public CancellationToken CancellationToken => _cancel.Token;

    /// <summary>Runs when an event arrives (e.g. to press Ctrl+C at the right moment).</summary>
    public Action<WorkflowEvent, RecordingContext>? OnEventHook { get; set; }

    public void Cancel() => _cancel.Cancel();

    public bool ShouldProcess(string target, string action)
    {
        Asked.Enqueue((target, action));
        return Approve;
    }

    public void WriteVerbose(string message) => Verbose.Enqueue(message);
    public void WriteDebug(string message) { }
    public void WriteWarning(string message) => Verbose.Enqueue("WARNING: " + message);
    public void WriteInformation(string message, params string[] tags) { }
    public void WriteProgress(ProgressUpdate update) { }

    public void OnEvent(WorkflowEvent workflowEvent)
    {
        Events.Enqueue(workflowEvent);
        OnEventHook?.Invoke(workflowEvent, this);
    }

    public IEnumerable<string> StageLog(string stage) =>
        Events.Where(e => e.Kind == WorkflowEventKind.StageLog && e.Stage == stage).Select(e => e.Message);

    public void Dispose() => _cancel.Dispose();
}
