using System.Collections.Concurrent;
using Bodywork.Models.Workflows;

namespace Bodywork.Engine.Tests.Support;

/// <summary>Keeps every workflow event (thread-safe).</summary>
public sealed class RecordingObserver : IWorkflowObserver
{
    private readonly ConcurrentQueue<WorkflowEvent> _events = new();

    public IReadOnlyList<WorkflowEvent> Events => _events.ToList();

    public void OnEvent(WorkflowEvent workflowEvent) => _events.Enqueue(workflowEvent);

    public IReadOnlyList<WorkflowEvent> OfKind(WorkflowEventKind kind) => Events.Where(e => e.Kind == kind).ToList();
}
