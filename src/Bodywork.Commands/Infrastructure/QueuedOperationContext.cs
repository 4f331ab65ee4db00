using Bodywork.Models.Operations;

namespace Bodywork.Commands.Infrastructure;

/// <summary>
/// The <see cref="IOperationContext"/> a cmdlet hands to the engine. Every callback is queued and
/// executed on the pipeline thread by <see cref="BodyworkCmdlet"/>; ShouldProcess is a request/reply.
/// Thread-safe: the engine may call from any thread.
/// </summary>
internal sealed class QueuedOperationContext : IOperationContext
{
    private readonly PipelineCallbackQueue _queue;
    private readonly BodyworkCmdlet _cmdlet;

    public QueuedOperationContext(PipelineCallbackQueue queue, BodyworkCmdlet cmdlet, CancellationToken cancellationToken)
    {
        _queue = queue;
        _cmdlet = cmdlet;
        CancellationToken = cancellationToken;
    }

    public CancellationToken CancellationToken { get; }

    // After the pipeline stopped pumping, "no" is the only safe answer: nothing may be written unasked.
    public bool ShouldProcess(string target, string action) =>
        _queue.Send(() => _cmdlet.ShouldProcess(target, action), whenUnavailable: false);

    public void WriteVerbose(string message) => _queue.Post(() => _cmdlet.WriteVerbose(message));

    public void WriteDebug(string message) => _queue.Post(() => _cmdlet.WriteDebug(message));

    public void WriteWarning(string message) => _queue.Post(() => _cmdlet.WriteWarning(message));

    public void WriteInformation(string message, params string[] tags)
    {
        var copy = (string[])tags.Clone();
        _queue.Post(() => _cmdlet.WriteInformation(message, copy));
    }

    public void WriteProgress(ProgressUpdate update) => _queue.Post(() => _cmdlet.WriteProgressUpdate(update));
}
