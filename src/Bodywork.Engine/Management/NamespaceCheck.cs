using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Manifests;
using Bodywork.Models.Errors;

namespace Bodywork.Engine.Management;

/// <summary>
/// The "namespace is set up for Bodywork" check that the workflow runner and cron job creation run
/// before writing anything. Like the original it checks the namespace, both service accounts and the
/// workflow controller's ClusterRoleBinding (not the Roles), with GETs only, so the in-cluster workflow
/// controller needs just <c>get</c> rights for it (docs/namespace-rbac.md).
/// </summary>
public static class NamespaceCheck
{
    /// <summary>Checks the namespace without failing on a missing or incomplete set-up.</summary>
    /// <exception cref="Kubernetes.Errors.KubernetesApiException">API failures (forbidden, unreachable, …).</exception>
    public static async Task<NamespaceReadiness> CheckAsync(IKubernetesApi api, string @namespace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        if (await api.Namespaces.GetAsync(@namespace, cancellationToken).ConfigureAwait(false) is null)
        {
            return new NamespaceReadiness(@namespace, false, []);
        }

        var missing = new List<string>();
        if (await api.ServiceAccounts.GetAsync(@namespace, BodyworkNames.WorkflowControllerAccount, cancellationToken).ConfigureAwait(false) is null)
        {
            missing.Add("ServiceAccount/" + BodyworkNames.WorkflowControllerAccount);
        }

        var bindingName = BodyworkNames.WorkflowControllerClusterRoleBinding(@namespace);
        if (await api.ClusterRoleBindings.GetAsync(bindingName, cancellationToken).ConfigureAwait(false) is null)
        {
            missing.Add("ClusterRoleBinding/" + bindingName);
        }

        if (await api.ServiceAccounts.GetAsync(@namespace, BodyworkNames.StageAccount, cancellationToken).ConfigureAwait(false) is null)
        {
            missing.Add("ServiceAccount/" + BodyworkNames.StageAccount);
        }

        return new NamespaceReadiness(@namespace, true, missing);
    }

    /// <summary>
    /// Checks the namespace and fails unless it is ready. Call it before any write of a workflow run or
    /// a cron job creation.
    /// </summary>
    /// <returns>The (ready) result, whose <see cref="NamespaceReadiness.Messages"/> the CLI prints.</returns>
    /// <exception cref="BodyworkException">
    /// <see cref="BodyworkErrorIds.NamespaceNotFound"/> (ObjectNotFound) when the namespace is missing;
    /// <see cref="BodyworkErrorIds.NamespaceNotInitialized"/> (InvalidOperation) when objects are missing
    /// (the message lists them and says to run New-BodyworkNamespace / bodywork setup-namespace).
    /// API failures surface as <see cref="Kubernetes.Errors.KubernetesApiException"/>.
    /// </exception>
    public static async Task<NamespaceReadiness> EnsureNamespaceReadyAsync(IKubernetesApi api, string @namespace,
        CancellationToken cancellationToken = default)
    {
        var readiness = await CheckAsync(api, @namespace, cancellationToken).ConfigureAwait(false);
        if (!readiness.Exists)
        {
            throw ManagementErrors.NamespaceNotFound(@namespace);
        }

        if (!readiness.IsReady)
        {
            throw new BodyworkException(BodyworkErrorIds.NamespaceNotInitialized, BodyworkErrorCategory.InvalidOperation,
                $"namespace={@namespace} is not setup for use by Bodywork: " + string.Join("; ", readiness.Messages),
                @namespace,
                $"Run 'New-BodyworkNamespace -Name {@namespace}' (or 'bodywork setup-namespace {@namespace}') first.");
        }

        return readiness;
    }
}
