using System.Collections.Concurrent;
using Bodywork.Models.Operations;

namespace Bodywork.Engine.Tests.Support;

/// <summary>An <see cref="IOperationContext"/> that records every call; ShouldProcess answers <see cref="Approve"/>.</summary>
public sealed class RecordingContext : IOperationContext
{
    public RecordingContext(CancellationToken cancellationToken = default) => CancellationToken = cancellationToken;

    public CancellationToken CancellationToken { get; }
    public bool Approve { get; init; } = true;
    public ConcurrentQueue<(string Target, string Action)> ShouldProcessCalls { get; } = new();
    public ConcurrentQueue<string> Verbose { get; } = new();
    public ConcurrentQueue<string> Warnings { get; } = new();
    public ConcurrentQueue<(string Message, string[] Tags)> Information { get; } = new();
    public ConcurrentQueue<ProgressUpdate> Progress { get; } = new();

    public bool ShouldProcess(string target, string action)
    {
        ShouldProcessCalls.Enqueue((target, action));
        return Approve;
    }

    public void WriteVerbose(string message) => Verbose.Enqueue(message);
    public void WriteDebug(string message) { }
    public void WriteWarning(string message) => Warnings.Enqueue(message);
    public void WriteInformation(string message, params string[] tags) => Information.Enqueue((message, tags));
    public void WriteProgress(ProgressUpdate update) => Progress.Enqueue(update);
}
