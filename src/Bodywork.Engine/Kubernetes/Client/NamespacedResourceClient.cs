using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>The namespaced view of <see cref="ResourceOperations{T}"/>; kind-specific clients derive from it.</summary>
internal class NamespacedResourceClient<T> : INamespacedResourceClient<T> where T : class, IKubernetesObject
{
    public NamespacedResourceClient(ResourceOperations<T> operations) => Operations = operations;

    protected ResourceOperations<T> Operations { get; }

    public KubernetesResourceType ResourceType => Operations.Type;

    public Task<T?> GetAsync(string namespaceName, string name, CancellationToken cancellationToken = default) =>
        Operations.GetAsync(Required(namespaceName), name, cancellationToken);

    public Task<KubernetesList<T>> ListAsync(string? namespaceName, ListOptions? options = null, CancellationToken cancellationToken = default) =>
        Operations.ListAsync(namespaceName, options, cancellationToken);

    public Task<T> ApplyAsync(string namespaceName, T resource, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Operations.ApplyAsync(Required(namespaceName), resource, options, cancellationToken);

    public Task<T> CreateAsync(string namespaceName, T resource, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Operations.CreateAsync(Required(namespaceName), resource, options, cancellationToken);

    public Task<T> PatchAsync(string namespaceName, string name, KubernetesPatch patch, WriteOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Operations.PatchAsync(Required(namespaceName), name, patch, options, cancellationToken);

    public Task<bool> DeleteAsync(string namespaceName, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        Operations.DeleteAsync(Required(namespaceName), name, options, cancellationToken);

    public IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? namespaceName, WatchOptions? options = null, CancellationToken cancellationToken = default) =>
        Operations.WatchAsync(namespaceName, options, cancellationToken);

    protected static string Required(string namespaceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(namespaceName);
        return namespaceName;
    }
}
