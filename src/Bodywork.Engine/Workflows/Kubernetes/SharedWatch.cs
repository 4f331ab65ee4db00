using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Workflows.Kubernetes;

/// <summary>
/// One list-then-watch of a kind, filtered to the run's project, shared by every stage of the run: a
/// hundred parallel Jobs cost one watch instead of a hundred (the original polled each every second).
/// Subscribers see every event from the moment they subscribe; reconnects and re-lists are the client's.
/// </summary>
internal sealed class SharedWatch<T> : IAsyncDisposable where T : class, IKubernetesObject
{
    private readonly object _gate = new();
    private readonly List<Action<WatchEventType, T>> _subscribers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private Exception? _failure;

    public SharedWatch(INamespacedResourceClient<T> client, string namespaceName, string labelSelector)
    {
        _loop = Task.Run(() => RunAsync(client, namespaceName, labelSelector, _stop.Token));
    }

    /// <summary>
    /// Calls <paramref name="onEvent"/> for every later event (on the watch's thread; keep it short). Dispose the
    /// result to stop. <paramref name="onFailure"/> is called if the watch dies for good (e.g. 403).
    /// </summary>
    public IDisposable Subscribe(Action<WatchEventType, T> onEvent, Action<Exception> onFailure)
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                onFailure(_failure);
                return new Subscription(this, onEvent);
            }

            _subscribers.Add(onEvent);
            _failureHandlers.Add(onFailure);
        }

        return new Subscription(this, onEvent, onFailure);
    }

    private readonly List<Action<Exception>> _failureHandlers = [];

    private async Task RunAsync(INamespacedResourceClient<T> client, string namespaceName, string labelSelector, CancellationToken stop)
    {
        try
        {
            await foreach (var e in client.WatchAsync(namespaceName, new WatchOptions { LabelSelector = labelSelector }, stop).ConfigureAwait(false))
            {
                Action<WatchEventType, T>[] current;
                lock (_gate)
                {
                    current = [.. _subscribers];
                }

                foreach (var subscriber in current)
                {
                    subscriber(e.Type, e.Resource);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Action<Exception>[] handlers;
            lock (_gate)
            {
                _failure = ex;
                handlers = [.. _failureHandlers];
            }

            foreach (var handler in handlers)
            {
                handler(ex);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class Subscription(SharedWatch<T> owner, Action<WatchEventType, T> onEvent, Action<Exception>? onFailure = null) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._subscribers.Remove(onEvent);
                if (onFailure is not null)
                {
                    owner._failureHandlers.Remove(onFailure);
                }
            }
        }
    }
}
