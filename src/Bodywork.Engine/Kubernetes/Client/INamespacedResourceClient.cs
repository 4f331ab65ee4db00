using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>
/// Typed operations on one namespaced kind. Every call is cancellable; ordinary calls have a per-request
/// timeout and idempotent ones (get, list, apply, delete, merge patches) are retried with backoff on
/// 429/5xx/connection loss. Failures throw <see cref="Errors.KubernetesApiException"/>.
/// </summary>
public interface INamespacedResourceClient<T> where T : class, IKubernetesObject
{
    /// <summary>The kind's REST coordinates.</summary>
    KubernetesResourceType ResourceType { get; }

    /// <summary>GET one object. Returns null when it does not exist (404); other errors throw.</summary>
    Task<T?> GetAsync(string namespaceName, string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// LIST objects in a namespace (null: all namespaces). Pages with limit/continue; by default all pages
    /// are fetched and merged (see <see cref="ListOptions.SinglePage"/>).
    /// </summary>
    Task<KubernetesList<T>> ListAsync(string? namespaceName, ListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Server-side apply (PATCH application/apply-patch+yaml with the JSON body, fieldManager=bodywork,
    /// force=true, fieldValidation=Strict). Creates or updates; returns the object as stored (or as it
    /// would be, with <see cref="WriteOptions.DryRun"/>). apiVersion/kind default from the model.
    /// </summary>
    Task<T> ApplyAsync(string namespaceName, T resource, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>POST a new object (fieldValidation=Strict). Not retried on connection loss (it may have been created).</summary>
    Task<T> CreateAsync(string namespaceName, T resource, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>PATCH an object with a merge, strategic-merge or JSON patch. Returns the patched object.</summary>
    Task<T> PatchAsync(string namespaceName, string name, KubernetesPatch patch, WriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// DELETE an object with an explicit propagationPolicy (default Background). Returns false when it did
    /// not exist (404). Deletion may still be in progress on return (finalizers, Foreground).
    /// </summary>
    Task<bool> DeleteAsync(string namespaceName, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// List-then-watch (namespace null: all namespaces) until cancelled: current objects as Added, then
    /// changes. Bookmarks advance the resourceVersion; a 410/Expired re-lists (current objects are replayed as
    /// Added, objects gone meanwhile as Deleted); dropped streams reconnect from the last resourceVersion.
    /// </summary>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? namespaceName, WatchOptions? options = null, CancellationToken cancellationToken = default);
}
