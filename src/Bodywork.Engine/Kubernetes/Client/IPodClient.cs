using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>Pods plus their log subresource.</summary>
public interface IPodClient : INamespacedResourceClient<Pod>
{
    /// <summary>
    /// Reads the log as it is now (Follow is ignored). Returns "" — not an error — when the container has
    /// not started yet (400 "waiting to start"/ContainerCreating/PodInitializing) or the pod is unscheduled.
    /// A missing pod throws NotFound.
    /// </summary>
    Task<string> ReadLogAsync(string namespaceName, string podName, PodLogOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Yields log lines (without the trailing newline). With Follow, lines arrive as written until the
    /// container exits; a stream cut while the container still runs is resumed with sinceTime (duplicates
    /// dropped). Yields nothing while the container is waiting to start (the caller decides whether to
    /// wait for it; use the pod watch). Runs until the stream ends or the token is cancelled.
    /// </summary>
    IAsyncEnumerable<string> StreamLogAsync(string namespaceName, string podName, PodLogOptions? options = null, CancellationToken cancellationToken = default);
}
