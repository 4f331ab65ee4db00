namespace Bodywork.Models.Workflows;

/// <summary>Level of a workflow event in the original's log format.</summary>
public enum WorkflowLogLevel
{
    Debug,
    Info,
    Warning,
    Error,
}
