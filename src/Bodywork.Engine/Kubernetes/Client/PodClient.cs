using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>Pods plus the log subresource.</summary>
internal sealed class PodClient : NamespacedResourceClient<Pod>, IPodClient
{
    private readonly KubernetesTransport _transport;

    public PodClient(ResourceOperations<Pod> operations, KubernetesTransport transport) : base(operations) => _transport = transport;

    public Task<string> ReadLogAsync(string namespaceName, string podName, PodLogOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("next commit");

    public IAsyncEnumerable<string> StreamLogAsync(string namespaceName, string podName, PodLogOptions? options = null,
        CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("next commit" + _transport.Server);
}
