using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bodywork.Engine.Kubernetes.Errors;
using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Engine.Kubernetes.Watch;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>
/// The REST verbs for one kind; namespace null means cluster-scoped or all namespaces. The public
/// namespaced and cluster clients are thin views of this.
/// </summary>
internal sealed class ResourceOperations<T> where T : class, IKubernetesObject
{
    private const string ApplyPatchContentType = "application/apply-patch+yaml";

    public ResourceOperations(KubernetesTransport transport, KubernetesResourceType type, JsonTypeInfo<T> typeInfo,
        JsonTypeInfo<KubernetesList<T>> listTypeInfo)
    {
        Transport = transport;
        Type = type;
        TypeInfo = typeInfo;
        ListTypeInfo = listTypeInfo;
    }

    public KubernetesTransport Transport { get; }
    public KubernetesResourceType Type { get; }
    public JsonTypeInfo<T> TypeInfo { get; }
    public JsonTypeInfo<KubernetesList<T>> ListTypeInfo { get; }

    public async Task<T?> GetAsync(string? ns, string name, CancellationToken cancellationToken)
    {
        ValidateName(name);
        try
        {
            var response = await Transport.SendAsync(new KubernetesRequest(HttpMethod.Get, Type.ItemPath(ns, name),
                $"getting {Describe(ns, name)}"), cancellationToken).ConfigureAwait(false);
            return Deserialize(response.Body, TypeInfo, $"getting {Describe(ns, name)}");
        }
        catch (KubernetesApiException ex) when (ex.Reason == KubernetesErrorReason.NotFound)
        {
            return null;
        }
    }

    public async Task<KubernetesList<T>> ListAsync(string? ns, ListOptions? options, CancellationToken cancellationToken)
    {
        options ??= new ListOptions();
        var operation = $"listing {Type.Kind}s{(ns is null ? "" : " in namespace " + ns)}";
        var items = new List<T>();
        var token = options.Continue;
        while (true)
        {
            var uri = new QueryString(Type.CollectionPath(ns))
                .Add("labelSelector", NullIfEmpty(options.LabelSelector))
                .Add("fieldSelector", NullIfEmpty(options.FieldSelector))
                .Add("limit", options.Limit is 0 ? null : options.Limit ?? Transport.Options.ListPageSize)
                .Add("continue", NullIfEmpty(token))
                .ToString();
            KubernetesResponse response;
            try
            {
                response = await Transport.SendAsync(new KubernetesRequest(HttpMethod.Get, uri, operation), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (KubernetesApiException ex) when (ex.Reason == KubernetesErrorReason.Gone && !options.SinglePage
                && !string.IsNullOrEmpty(token) && options.Continue is null)
            {
                // The snapshot behind the continue token was compacted mid-listing: start again with one
                // unpaged list (as client-go's pager does) rather than merge pages from two snapshots.
                return await ListAsync(ns, options with { Limit = 0 }, cancellationToken).ConfigureAwait(false);
            }

            var page = Deserialize(response.Body, ListTypeInfo, operation);
            items.AddRange(page.Items);
            token = page.Metadata.Continue;
            if (options.SinglePage || string.IsNullOrEmpty(token))
            {
                // The list's resourceVersion is that of the first page's snapshot; every page shares it.
                return page with { Items = items, Metadata = page.Metadata with { Continue = options.SinglePage ? NullIfEmpty(token) : null } };
            }
        }
    }

    public async Task<T> ApplyAsync(string? ns, T resource, WriteOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        options ??= WriteOptions.Default;
        var name = resource.Metadata.Name ?? throw new ArgumentException($"A {Type.Kind} to apply needs metadata.name.", nameof(resource));
        ValidateName(name);
        CheckNamespace(ns, resource);
        var operation = $"applying {Describe(ns, name)}";
        var uri = new QueryString(Type.ItemPath(ns, name))
            .Add("fieldManager", Transport.Options.FieldManager)
            .AddFlag("force", options.Force)
            .Add("fieldValidation", "Strict")
            .Add("dryRun", options.DryRun ? "All" : null)
            .ToString();
        var response = await Transport.SendAsync(new KubernetesRequest(HttpMethod.Patch, uri, operation)
        {
            // JSON is valid YAML, so the apply content type takes our JSON body as is.
            Body = JsonSerializer.Serialize(resource, TypeInfo),
            ContentType = ApplyPatchContentType,
            Idempotent = true,
        }, cancellationToken).ConfigureAwait(false);
        return Deserialize(response.Body, TypeInfo, operation);
    }

    public async Task<T> CreateAsync(string? ns, T resource, WriteOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        options ??= WriteOptions.Default;
        CheckNamespace(ns, resource);
        var operation = $"creating {Describe(ns, resource.Metadata.Name ?? resource.Metadata.GenerateName + "*")}";
        var uri = new QueryString(Type.CollectionPath(ns))
            .Add("fieldManager", Transport.Options.FieldManager)
            .Add("fieldValidation", "Strict")
            .Add("dryRun", options.DryRun ? "All" : null)
            .ToString();
        var response = await Transport.SendAsync(new KubernetesRequest(HttpMethod.Post, uri, operation)
        {
            Body = JsonSerializer.Serialize(resource, TypeInfo),
            ContentType = "application/json",
            Idempotent = false,
        }, cancellationToken).ConfigureAwait(false);
        return Deserialize(response.Body, TypeInfo, operation);
    }

    public async Task<T> PatchAsync(string? ns, string name, KubernetesPatch patch, WriteOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        ValidateName(name);
        options ??= WriteOptions.Default;
        var operation = $"patching {Describe(ns, name)}";
        var uri = new QueryString(Type.ItemPath(ns, name))
            .Add("fieldManager", Transport.Options.FieldManager)
            .Add("fieldValidation", "Strict")
            .Add("dryRun", options.DryRun ? "All" : null)
            .ToString();
        var response = await Transport.SendAsync(new KubernetesRequest(HttpMethod.Patch, uri, operation)
        {
            Body = patch.Json,
            ContentType = patch.Type switch
            {
                PatchType.MergePatch => "application/merge-patch+json",
                PatchType.StrategicMergePatch => "application/strategic-merge-patch+json",
                _ => "application/json-patch+json",
            },
            Idempotent = patch.Type != PatchType.JsonPatch,
        }, cancellationToken).ConfigureAwait(false);
        return Deserialize(response.Body, TypeInfo, operation);
    }

    public async Task<bool> DeleteAsync(string? ns, string name, DeleteOptions? options, CancellationToken cancellationToken)
    {
        ValidateName(name);
        options ??= DeleteOptions.Default;
        var uri = new QueryString(Type.ItemPath(ns, name))
            .Add("propagationPolicy", options.PropagationPolicy.ToString())
            .Add("gracePeriodSeconds", options.GracePeriodSeconds)
            .Add("dryRun", options.DryRun ? "All" : null)
            .ToString();
        try
        {
            // The body is the object (still terminating) or a Status; callers only need "it was there".
            await Transport.SendAsync(new KubernetesRequest(HttpMethod.Delete, uri, $"deleting {Describe(ns, name)}"), cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (KubernetesApiException ex) when (ex.Reason == KubernetesErrorReason.NotFound)
        {
            return false;
        }
    }

    public IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? ns, WatchOptions? options, CancellationToken cancellationToken) =>
        new ListWatcher<T>(this, ns, options ?? new WatchOptions()).RunAsync(cancellationToken);

    /// <summary>"Job ns/name" or "ClusterRole name", for messages.</summary>
    public string Describe(string? ns, string? name) =>
        Type.Kind + " " + (Type.Namespaced && ns is not null ? ns + "/" : "") + name;

    public static TValue Deserialize<TValue>(string body, JsonTypeInfo<TValue> typeInfo, string operation)
    {
        try
        {
            return JsonSerializer.Deserialize(body, typeInfo)
                ?? throw new KubernetesApiException(KubernetesErrorReason.Other, operation, $"{operation}: the server returned an empty body");
        }
        catch (JsonException ex)
        {
            throw new KubernetesApiException(KubernetesErrorReason.Other, operation,
                $"{operation}: the server's response is not the expected JSON ({ex.Message})", innerException: ex);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private void ValidateName(string name)
    {
        // Catch programming errors before they turn into confusing paths ("jobs/" lists the collection).
        if (string.IsNullOrEmpty(name) || name is "." or ".." || name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a valid {Type.Kind} name.", nameof(name));
        }
    }

    private void CheckNamespace(string? ns, T resource)
    {
        if (Type.Namespaced && string.IsNullOrEmpty(ns))
        {
            throw new ArgumentException($"A namespace is required to write a {Type.Kind}.", nameof(ns));
        }

        if (Type.Namespaced && resource.Metadata.Namespace is { Length: > 0 } bodyNs && bodyNs != ns)
        {
            throw new ArgumentException(
                $"{Type.Kind} {resource.Metadata.Name} says namespace '{bodyNs}' but is being written to namespace '{ns}'.", nameof(resource));
        }
    }
}
