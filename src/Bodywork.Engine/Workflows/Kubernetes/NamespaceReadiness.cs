using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Manifests;
using Bodywork.Models.Errors;

namespace Bodywork.Engine.Workflows.Kubernetes;

/// <summary>
/// Temporary "namespace is set up for Bodywork" check (spec §3.1) until helper ns's
/// EnsureNamespaceReadyAsync lands in Bodywork.Engine.Management; then this file goes.
/// </summary>
internal static class NamespaceReadiness
{
    public static async Task EnsureAsync(IKubernetesApi api, string namespaceName, CancellationToken cancellationToken)
    {
        if (await api.Namespaces.GetAsync(namespaceName, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new BodyworkException(BodyworkErrorIds.NamespaceNotFound, BodyworkErrorCategory.ObjectNotFound,
                $"namespace={namespaceName} does not exist", namespaceName, "Create it with New-BodyworkNamespace (bodywork setup-namespace).");
        }

        var missing = new List<string>();
        if (await api.ServiceAccounts.GetAsync(namespaceName, BodyworkNames.WorkflowControllerAccount, cancellationToken).ConfigureAwait(false) is null)
        {
            missing.Add($"service-account={BodyworkNames.WorkflowControllerAccount} is missing from namespace={namespaceName}");
        }

        var binding = BodyworkNames.WorkflowControllerClusterRoleBinding(namespaceName);
        if (await api.ClusterRoleBindings.GetAsync(binding, cancellationToken).ConfigureAwait(false) is null)
        {
            missing.Add($"cluster-role-binding={binding} is missing");
        }

        if (await api.ServiceAccounts.GetAsync(namespaceName, BodyworkNames.StageAccount, cancellationToken).ConfigureAwait(false) is null)
        {
            missing.Add($"service-account={BodyworkNames.StageAccount} is missing from namespace={namespaceName}");
        }

        if (missing.Count > 0)
        {
            throw new BodyworkException(BodyworkErrorIds.NamespaceNotInitialized, BodyworkErrorCategory.InvalidOperation,
                $"namespace={namespaceName} is not setup for use by Bodywork: {string.Join("; ", missing)}", namespaceName,
                "Set it up with New-BodyworkNamespace (bodywork setup-namespace).");
        }
    }
}
