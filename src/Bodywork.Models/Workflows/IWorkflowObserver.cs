namespace Bodywork.Models.Workflows;

/// <summary>
/// Receives workflow events as they happen. Called from several threads at once (stages of a step run
/// in parallel): implementations must be thread-safe and quick (no blocking I/O on a slow sink).
/// </summary>
public interface IWorkflowObserver
{
    void OnEvent(WorkflowEvent workflowEvent);
}
