using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Manifests;

namespace Bodywork.Engine.Management;

/// <summary>What tab completion offers for names.</summary>
public enum CompletionKind
{
    Namespace,
    Secret,
    Service,
    CronJob,
    CronJobRun,
}

/// <summary>
/// Names for tab completion, read from the cluster with one list call. Completers call this with a short
/// timeout and swallow every failure: completion must never hang or throw at the prompt.
/// </summary>
public static class ManagementCompletion
{
    /// <summary>Names of <paramref name="kind"/> starting with <paramref name="prefix"/> (case-insensitive), sorted.</summary>
    public static async Task<IReadOnlyList<string>> CompleteAsync(IKubernetesApi api, CompletionKind kind, string? @namespace, string? prefix,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var managed = new ListOptions { LabelSelector = BodyworkLabels.ManagedSelector };
        IEnumerable<string?> names = kind switch
        {
            CompletionKind.Namespace => (await api.Namespaces.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Items
                .Select(n => n.Metadata.Name),
            CompletionKind.Secret => (await api.Secrets.ListAsync(@namespace, cancellationToken: cancellationToken).ConfigureAwait(false)).Items
                .Where(s => s.Type != "kubernetes.io/service-account-token").Select(s => s.Metadata.Name),
            CompletionKind.Service => (await api.Deployments.ListAsync(@namespace, managed, cancellationToken).ConfigureAwait(false)).Items
                .Select(d => d.Metadata.Name),
            CompletionKind.CronJob => (await api.CronJobs.ListAsync(@namespace, managed, cancellationToken).ConfigureAwait(false)).Items
                .Select(c => c.Metadata.Name),
            CompletionKind.CronJobRun => (await api.Jobs.ListAsync(@namespace, cancellationToken: cancellationToken).ConfigureAwait(false)).Items
                .Where(j => j.Metadata.OwnerReferences?.Any(o => o.Kind == "CronJob") == true).Select(j => j.Metadata.Name),
            _ => [],
        };
        return names.OfType<string>()
            .Where(n => string.IsNullOrEmpty(prefix) || n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
