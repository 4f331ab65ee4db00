using Bodywork.Models.Operations;

namespace Bodywork.Cli.Workflows;

/// <summary>
/// The CLI's <see cref="IOperationContext"/>: approves every change (the CLI has no -WhatIf), prints
/// warnings to stderr and drops verbose/debug/information (workflow output goes through the log observer).
/// </summary>
public sealed class CliOperationContext : IOperationContext
{
    private readonly TextWriter _error;
    private readonly object _gate = new();

    public CliOperationContext(TextWriter error, CancellationToken cancellationToken)
    {
        _error = error;
        CancellationToken = cancellationToken;
    }

    public CancellationToken CancellationToken { get; }

    public bool ShouldProcess(string target, string action) => true;

    public void WriteVerbose(string message) { }

    public void WriteDebug(string message) { }

    public void WriteWarning(string message)
    {
        lock (_gate)
        {
            _error.WriteLine($"warning: {message}");
        }
    }

    public void WriteInformation(string message, params string[] tags) { }

    public void WriteProgress(ProgressUpdate update) { }
}
