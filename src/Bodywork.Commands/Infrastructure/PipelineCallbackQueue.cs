using System.Collections.Concurrent;

namespace Bodywork.Commands.Infrastructure;

/// <summary>
/// Carries engine callbacks from worker threads to the pipeline thread, where PowerShell allows
/// Write* and ShouldProcess. The pipeline thread drains it with <see cref="PumpUntil"/> while the
/// engine task runs; a worker that needs an answer (ShouldProcess) blocks on <see cref="Send{T}"/>.
/// </summary>
internal sealed class PipelineCallbackQueue : IDisposable
{
    private readonly BlockingCollection<Action> _callbacks = new();
    private readonly CancellationToken _cancellation;

    public PipelineCallbackQueue(CancellationToken cancellation) => _cancellation = cancellation;

    /// <summary>Queues fire-and-forget work. Callbacks that arrive after the engine task ended are dropped.</summary>
    public void Post(Action callback)
    {
        try
        {
            _callbacks.TryAdd(callback);
        }
        catch (InvalidOperationException)
        {
            // Adding completed or disposed (ObjectDisposedException derives from it): the engine task
            // is over and nobody will pump this callback any more.
        }
    }

    /// <summary>Runs <paramref name="callback"/> on the pipeline thread and waits for its answer.</summary>
    /// <returns><paramref name="whenUnavailable"/> when the queue no longer runs callbacks.</returns>
    public T Send<T>(Func<T> callback, T whenUnavailable)
    {
        var reply = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = _cancellation.Register(() => reply.TrySetCanceled(_cancellation));
        void Run()
        {
            try
            {
                reply.TrySetResult(callback());
            }
            catch (Exception ex)
            {
                reply.TrySetException(ex);
                throw;
            }
        }

        bool queued;
        try
        {
            queued = _callbacks.TryAdd(Run);
        }
        catch (InvalidOperationException)
        {
            queued = false;
        }

        return queued ? reply.Task.GetAwaiter().GetResult() : whenUnavailable;
    }

    /// <summary>
    /// Runs queued callbacks on the calling (pipeline) thread until <paramref name="work"/> ends and the
    /// queue is drained. Throws <see cref="OperationCanceledException"/> when the cancellation token fires
    /// first, so a stuck engine cannot hold the pipeline after Ctrl+C.
    /// </summary>
    public void PumpUntil(Task work)
    {
        work.ContinueWith(_ => _callbacks.CompleteAdding(), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        foreach (var callback in _callbacks.GetConsumingEnumerable(_cancellation))
        {
            callback();
        }
    }

    public void Dispose() => _callbacks.Dispose();
}
