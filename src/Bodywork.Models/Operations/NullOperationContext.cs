namespace Bodywork.Models.Operations;

/// <summary>A context that approves every change and discards all output.</summary>
public sealed class NullOperationContext : IOperationContext
{
    public NullOperationContext(CancellationToken cancellationToken = default) => CancellationToken = cancellationToken;

    public CancellationToken CancellationToken { get; }
    public bool ShouldProcess(string target, string action) => true;
    public void WriteVerbose(string message) { }
    public void WriteDebug(string message) { }
    public void WriteWarning(string message) { }
    public void WriteInformation(string message, params string[] tags) { }
    public void WriteProgress(ProgressUpdate update) { }
}
