using System.Globalization;
using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Engine.Manifests;
using Bodywork.Models.Errors;
using Bodywork.Models.Management;
using Bodywork.Models.Operations;

namespace Bodywork.Engine.Management;

/// <summary>
/// Service stages deployed by Bodywork: Deployments carrying the managed-by label, joined with the
/// Services of the same name that expose them inside the cluster.
/// </summary>
public sealed class ServiceManager
{
    /// <summary>The original kept the port in this Deployment annotation; read as a last resort.</summary>
    public const string LegacyPortAnnotation = "port";

    private readonly IKubernetesApi _api;

    public ServiceManager(IKubernetesApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <summary>Services matching <paramref name="pattern"/> (null = all) in one namespace: two list calls.</summary>
    public async Task<IReadOnlyList<BodyworkService>> ListAsync(string @namespace, NamePattern? pattern, CancellationToken cancellationToken = default)
    {
        ManagementValidation.NamespaceName(@namespace);
        var options = new ListOptions { LabelSelector = BodyworkLabels.ManagedSelector };
        var deployments = await _api.Deployments.ListAsync(@namespace, options, cancellationToken).ConfigureAwait(false);
        var services = await _api.Services.ListAsync(@namespace, options, cancellationToken).ConfigureAwait(false);
        var byName = services.Items.Where(s => s.Metadata.Name is not null).ToDictionary(s => s.Metadata.Name!, StringComparer.Ordinal);
        var result = deployments.Items
            .Where(d => pattern is null || pattern.IsMatch(d.Metadata.Name ?? ""))
            .OrderBy(d => d.Metadata.Name, StringComparer.Ordinal)
            .Select(d => ToModel(d, byName.GetValueOrDefault(d.Metadata.Name ?? "")))
            .ToList();
        if (result.Count == 0 && await _api.Namespaces.GetAsync(@namespace, cancellationToken).ConfigureAwait(false) is null)
        {
            throw ManagementErrors.NamespaceNotFound(@namespace);
        }

        return result;
    }

    /// <summary>One service by its exact Deployment name (<c>project--stage</c>).</summary>
    public async Task<BodyworkService> GetAsync(string @namespace, string name, CancellationToken cancellationToken = default)
    {
        ManagementValidation.NamespaceName(@namespace);
        var deployment = await _api.Deployments.GetAsync(@namespace, name, cancellationToken).ConfigureAwait(false);
        if (deployment is null || !IsManaged(deployment.Metadata))
        {
            if (await _api.Namespaces.GetAsync(@namespace, cancellationToken).ConfigureAwait(false) is null)
            {
                throw ManagementErrors.NamespaceNotFound(@namespace);
            }

            throw NotFound(@namespace, name);
        }

        var service = await _api.Services.GetAsync(@namespace, name, cancellationToken).ConfigureAwait(false);
        return ToModel(deployment, service);
    }

    /// <summary>
    /// Deletes the Deployment (background propagation: its ReplicaSets and pods go too) and the Service of
    /// the same name. Returns what was deleted, or null when ShouldProcess said no.
    /// </summary>
    public async Task<BodyworkService?> RemoveAsync(string @namespace, string name, IOperationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ct = context.CancellationToken;
        var found = await GetAsync(@namespace, name, ct).ConfigureAwait(false);
        if (!context.ShouldProcess($"service '{name}' in namespace '{@namespace}' (deployment and service)", "Remove Bodywork service"))
        {
            return null;
        }

        context.WriteVerbose($"deleting deployment={name} from namespace={@namespace}");
        await _api.Deployments.DeleteAsync(@namespace, name, cancellationToken: ct).ConfigureAwait(false);
        if (found.Exposed)
        {
            context.WriteVerbose($"deleting service={name} from namespace={@namespace}");
            await _api.Services.DeleteAsync(@namespace, name, cancellationToken: ct).ConfigureAwait(false);
        }

        return found;
    }

    private static bool IsManaged(ObjectMeta meta) =>
        meta.Labels?.GetValueOrDefault(BodyworkLabels.ManagedByKey) == BodyworkLabels.ManagedByValue;

    private static BodyworkService ToModel(Deployment deployment, Service? service)
    {
        var name = deployment.Metadata.Name ?? "";
        var ns = deployment.Metadata.Namespace ?? "";
        var port = PortOf(deployment, service);
        var labels = deployment.Metadata.Labels;
        var annotations = deployment.Metadata.Annotations;
        return new BodyworkService
        {
            Name = name,
            Namespace = ns,
            Port = port,
            Url = port is null ? null : $"http://{name}.{ns}.svc.cluster.local:{port.Value.ToString(CultureInfo.InvariantCulture)}",
            Exposed = service is not null,
            Replicas = deployment.Spec?.Replicas ?? 1,
            AvailableReplicas = deployment.Status?.AvailableReplicas ?? 0,
            UnavailableReplicas = deployment.Status?.UnavailableReplicas ?? 0,
            Project = labels?.GetValueOrDefault(BodyworkLabels.ProjectKey),
            Stage = labels?.GetValueOrDefault(BodyworkLabels.StageKey),
            GitRepoUrl = annotations?.GetValueOrDefault(BodyworkLabels.GitUrlAnnotation),
            Branch = annotations?.GetValueOrDefault(BodyworkLabels.GitBranchAnnotation),
            CreationTime = deployment.Metadata.CreationTimestamp,
        };
    }

    private static int? PortOf(Deployment deployment, Service? service)
    {
        if (service?.Spec?.Ports is { Count: > 0 } ports)
        {
            return ports[0].Port;
        }

        var containerPort = deployment.Spec?.Template.Spec?.Containers.SelectMany(c => c.Ports ?? []).FirstOrDefault();
        if (containerPort is not null)
        {
            return containerPort.Port;
        }

        return deployment.Metadata.Annotations?.GetValueOrDefault(LegacyPortAnnotation) is { } text
               && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : null;
    }

    private static BodyworkException NotFound(string @namespace, string name) =>
        ManagementErrors.NotFound(BodyworkErrorIds.ServiceNotFound, $"deployment={name} not found in namespace={@namespace}", name);
}
