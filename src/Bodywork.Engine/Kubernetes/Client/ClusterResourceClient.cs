using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>The cluster-scoped view of <see cref="ResourceOperations{T}"/>.</summary>
internal sealed class ClusterResourceClient<T> : IClusterResourceClient<T> where T : class, IKubernetesObject
{
    private readonly ResourceOperations<T> _operations;

    public ClusterResourceClient(ResourceOperations<T> operations) => _operations = operations;

    public KubernetesResourceType ResourceType => _operations.Type;

    public Task<T?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        _operations.GetAsync(null, name, cancellationToken);

    public Task<KubernetesList<T>> ListAsync(ListOptions? options = null, CancellationToken cancellationToken = default) =>
        _operations.ListAsync(null, options, cancellationToken);

    public Task<T> ApplyAsync(T resource, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _operations.ApplyAsync(null, resource, options, cancellationToken);

    public Task<T> CreateAsync(T resource, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _operations.CreateAsync(null, resource, options, cancellationToken);

    public Task<T> PatchAsync(string name, KubernetesPatch patch, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _operations.PatchAsync(null, name, patch, options, cancellationToken);

    public Task<bool> DeleteAsync(string name, DeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        _operations.DeleteAsync(null, name, options, cancellationToken);

    public IAsyncEnumerable<WatchEvent<T>> WatchAsync(WatchOptions? options = null, CancellationToken cancellationToken = default) =>
        _operations.WatchAsync(null, options, cancellationToken);
}
