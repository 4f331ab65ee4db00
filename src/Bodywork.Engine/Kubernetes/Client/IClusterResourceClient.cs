using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>
/// Typed operations on one cluster-scoped kind (Namespace, ClusterRole, ClusterRoleBinding); same
/// semantics as <see cref="INamespacedResourceClient{T}"/> without the namespace.
/// </summary>
public interface IClusterResourceClient<T> where T : class, IKubernetesObject
{
    /// <summary>The kind's REST coordinates.</summary>
    KubernetesResourceType ResourceType { get; }

    /// <summary>GET one object. Returns null when it does not exist (404); other errors throw.</summary>
    Task<T?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>LIST (all pages merged unless <see cref="ListOptions.SinglePage"/>).</summary>
    Task<KubernetesList<T>> ListAsync(ListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Server-side apply (fieldManager=bodywork, force, fieldValidation=Strict; dryRun optional).</summary>
    Task<T> ApplyAsync(T resource, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>POST a new object. Not retried on connection loss.</summary>
    Task<T> CreateAsync(T resource, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>PATCH an object.</summary>
    Task<T> PatchAsync(string name, KubernetesPatch patch, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>DELETE with an explicit propagationPolicy; false when it did not exist (404).</summary>
    Task<bool> DeleteAsync(string name, DeleteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>List-then-watch until cancelled (see <see cref="INamespacedResourceClient{T}.WatchAsync"/>).</summary>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync(WatchOptions? options = null, CancellationToken cancellationToken = default);
}
