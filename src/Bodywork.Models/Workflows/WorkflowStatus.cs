namespace Bodywork.Models.Workflows;

/// <summary>Outcome of a whole workflow run.</summary>
public enum WorkflowStatus
{
    Running,
    Succeeded,
    Failed,
    /// <summary>Stopped by Ctrl+C; the runner stopped what it had started.</summary>
    Cancelled,
}
