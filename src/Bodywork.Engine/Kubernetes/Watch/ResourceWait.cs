using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Kubernetes.Watch;

/// <summary>
/// Waits on a watch (never a sleep loop) until an evaluation of one object gives a result, the timeout
/// passes, or the token is cancelled.
/// </summary>
public static class ResourceWait
{
    /// <summary>
    /// Reads the object <paramref name="name"/>, then list-then-watches it, calling <paramref name="evaluate"/>
    /// with every state seen (null when it does not exist at the start, and once it is deleted). Returns the first
    /// non-null result, or null when <paramref name="timeout"/> passes first. Cancellation throws
    /// OperationCanceledException.
    /// </summary>
    public static async Task<TResult?> ForAsync<T, TResult>(INamespacedResourceClient<T> client, string namespaceName, string name,
        Func<T?, TResult?> evaluate, TimeSpan timeout, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject
        where TResult : class
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(evaluate);
        using var deadline = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            // A missing object produces no watch event at all, so look first: the caller decides what absence means.
            if (evaluate(await client.GetAsync(namespaceName, name, linked.Token).ConfigureAwait(false)) is { } early)
            {
                return early;
            }

            return await ForAsync(client.WatchAsync(namespaceName, new WatchOptions { FieldSelector = Selectors.ForName(name) }, linked.Token),
                evaluate, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The same over a cluster-scoped kind.</summary>
    public static async Task<TResult?> ForAsync<T, TResult>(IClusterResourceClient<T> client, string name,
        Func<T?, TResult?> evaluate, TimeSpan timeout, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject
        where TResult : class
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(evaluate);
        using var deadline = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            if (evaluate(await client.GetAsync(name, linked.Token).ConfigureAwait(false)) is { } early)
            {
                return early;
            }

            return await ForAsync(client.WatchAsync(new WatchOptions { FieldSelector = Selectors.ForName(name) }, linked.Token),
                evaluate, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static async Task<TResult?> ForAsync<T, TResult>(IAsyncEnumerable<WatchEvent<T>> events, Func<T?, TResult?> evaluate,
        CancellationToken cancellationToken)
        where T : class, IKubernetesObject
        where TResult : class
    {
        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (evaluate(e.Type == WatchEventType.Deleted ? null : e.Resource) is { } result)
            {
                return result;
            }
        }

        // The watch only ends by cancellation; reaching here means the token fired between events.
        cancellationToken.ThrowIfCancellationRequested();
        return null;
    }
}
