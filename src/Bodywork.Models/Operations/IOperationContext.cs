namespace Bodywork.Models.Operations;

/// <summary>
/// How the engine talks back to its caller (the cmdlet base class or the CLI) while it works.
/// Implementations must be thread-safe: the engine may call from any thread.
/// </summary>
public interface IOperationContext
{
    CancellationToken CancellationToken { get; }

    /// <summary>Asked before every change to the cluster; false means "do not write" (-WhatIf, a "no").</summary>
    bool ShouldProcess(string target, string action);

    void WriteVerbose(string message);
    void WriteDebug(string message);
    void WriteWarning(string message);
    /// <summary>Log lines and other informational text; tags as in Write-Information.</summary>
    void WriteInformation(string message, params string[] tags);
    void WriteProgress(ProgressUpdate update);
}
