using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Errors;
using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Engine.Manifests;
using Bodywork.Models.Errors;
using Bodywork.Models.Management;
using Bodywork.Models.Operations;

namespace Bodywork.Engine.Management;

/// <summary>
/// Secrets for stages (injected as environment variables through secretKeyRef). Values go to the API
/// server and nowhere else: results, messages and errors name keys only.
/// </summary>
public sealed class SecretManager
{
    private const string ServiceAccountTokenType = "kubernetes.io/service-account-token";
    private readonly IKubernetesApi _api;

    public SecretManager(IKubernetesApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <summary>
    /// Creates the secret; with <paramref name="force"/> an existing one is replaced (server-side apply),
    /// else it is a <see cref="BodyworkErrorIds.SecretAlreadyExists"/> error. Returns null when ShouldProcess said no.
    /// </summary>
    public async Task<BodyworkSecret?> CreateAsync(string @namespace, string name, IReadOnlyDictionary<string, string> data, bool force,
        IOperationContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        ManagementValidation.NamespaceName(@namespace);
        ManagementValidation.SecretName(name);
        ManagementValidation.SecretKeys(data.Keys.ToList(), name);
        var ct = context.CancellationToken;

        await RequireNamespaceAsync(@namespace, ct).ConfigureAwait(false);
        var existing = await _api.Secrets.GetAsync(@namespace, name, ct).ConfigureAwait(false);
        if (existing is not null && !force)
        {
            throw AlreadyExists(@namespace, name);
        }

        var target = $"secret '{name}' in namespace '{@namespace}' (keys: {string.Join(", ", data.Keys.Order(StringComparer.Ordinal))})";
        if (!context.ShouldProcess(target, existing is null ? "Create Bodywork secret" : "Replace Bodywork secret"))
        {
            return null;
        }

        var manifest = SecretManifests.Secret(@namespace, name, data);
        Secret stored;
        if (existing is null)
        {
            context.WriteVerbose($"creating secret={name} in namespace={@namespace}");
            try
            {
                stored = await _api.Secrets.CreateAsync(@namespace, manifest, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.Reason == KubernetesErrorReason.AlreadyExists)
            {
                throw AlreadyExists(@namespace, name);
            }
        }
        else
        {
            context.WriteVerbose($"replacing secret={name} in namespace={@namespace}");
            // One merge patch: new values in, keys the caller left out removed (null), so readers never see a gap.
            var patch = SecretPatch.Replace(data, existing.Data?.Keys ?? []);
            stored = await _api.Secrets.PatchAsync(@namespace, name, patch, cancellationToken: ct).ConfigureAwait(false);
        }

        return ToModel(stored);
    }

    /// <summary>Secrets matching <paramref name="pattern"/> (null = all), service-account tokens left out.</summary>
    public async Task<IReadOnlyList<BodyworkSecret>> ListAsync(string @namespace, NamePattern? pattern, CancellationToken cancellationToken = default)
    {
        ManagementValidation.NamespaceName(@namespace);
        var list = await _api.Secrets.ListAsync(@namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        var result = list.Items
            .Where(s => s.Type != ServiceAccountTokenType && (pattern is null || pattern.IsMatch(s.Metadata.Name ?? "")))
            .OrderBy(s => s.Metadata.Name, StringComparer.Ordinal)
            .Select(ToModel)
            .ToList();
        if (result.Count == 0)
        {
            // An empty list from a missing namespace would hide a typo.
            await RequireNamespaceAsync(@namespace, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>One secret by exact name; <see cref="BodyworkErrorIds.SecretNotFound"/> when it does not exist.</summary>
    public async Task<BodyworkSecret> GetAsync(string @namespace, string name, CancellationToken cancellationToken = default)
    {
        ManagementValidation.NamespaceName(@namespace);
        var secret = await _api.Secrets.GetAsync(@namespace, name, cancellationToken).ConfigureAwait(false);
        if (secret is null)
        {
            await RequireNamespaceAsync(@namespace, cancellationToken).ConfigureAwait(false);
            throw NotFound(@namespace, name);
        }

        return ToModel(secret);
    }

    /// <summary>Deletes a secret; returns what was deleted, or null when ShouldProcess said no.</summary>
    public async Task<BodyworkSecret?> RemoveAsync(string @namespace, string name, IOperationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var secret = await GetAsync(@namespace, name, context.CancellationToken).ConfigureAwait(false);
        if (!context.ShouldProcess($"secret '{name}' in namespace '{@namespace}'", "Remove Bodywork secret"))
        {
            return null;
        }

        context.WriteVerbose($"deleting secret={name} from namespace={@namespace}");
        if (!await _api.Secrets.DeleteAsync(@namespace, name, cancellationToken: context.CancellationToken).ConfigureAwait(false))
        {
            throw NotFound(@namespace, name);
        }

        return secret;
    }

    private async Task RequireNamespaceAsync(string @namespace, CancellationToken ct)
    {
        if (await _api.Namespaces.GetAsync(@namespace, ct).ConfigureAwait(false) is null)
        {
            throw ManagementErrors.NamespaceNotFound(@namespace);
        }
    }

    private static BodyworkSecret ToModel(Secret secret) => new()
    {
        Name = secret.Metadata.Name ?? "",
        Namespace = secret.Metadata.Namespace ?? "",
        Keys = (secret.Data?.Keys ?? []).Concat(secret.StringData?.Keys ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        Type = secret.Type,
        ManagedByBodywork = secret.Metadata.Labels?.GetValueOrDefault(BodyworkLabels.ManagedByKey) == BodyworkLabels.ManagedByValue,
        CreationTime = secret.Metadata.CreationTimestamp,
    };

    private static BodyworkException NotFound(string @namespace, string name) =>
        ManagementErrors.NotFound(BodyworkErrorIds.SecretNotFound, $"secret={name} could not be found in namespace={@namespace}", name);

    private static BodyworkException AlreadyExists(string @namespace, string name) =>
        ManagementErrors.AlreadyExists(BodyworkErrorIds.SecretAlreadyExists, $"secret={name} already exists in namespace={@namespace}", name,
            "Use -Force (New-BodyworkSecret) to replace it, or remove it first.");
}
