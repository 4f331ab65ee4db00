namespace Bodywork.Models.Operations;

/// <summary>A progress record independent of PowerShell's ProgressRecord.</summary>
public sealed record ProgressUpdate(
    int ActivityId,
    string Activity,
    string Status,
    int PercentComplete = -1,
    int ParentActivityId = -1,
    bool Completed = false,
    string? CurrentOperation = null);
