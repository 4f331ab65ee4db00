using System.Collections.Concurrent;
using Bodywork.Engine.Kubernetes;
using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Config;
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
    /// <summary>How long a completion may take before it gives up (silently).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How long listed names are reused, so repeated Tab presses do not call the cluster each time.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyList<string> Names)> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// Completion as completers use it: connects with <paramref name="connection"/> (kubeconfig, context),
    /// lists with one attempt and a <paramref name="timeout"/> (default 2 s), caches for 30 s, and returns an
    /// empty list on any failure — it never throws.
    /// </summary>
    public static IReadOnlyList<string> Complete(KubernetesConnectionOptions connection, CompletionKind kind, string? @namespace, string? prefix,
        TimeSpan? timeout = null)
    {
        try
        {
            var key = $"{kind}|{connection?.KubeConfigPath}|{connection?.Context}|{@namespace}";
            if (!Cache.TryGetValue(key, out var cached) || DateTimeOffset.UtcNow - cached.At > CacheLifetime)
            {
                var limit = timeout ?? DefaultTimeout;
                using var cts = new CancellationTokenSource(limit);
                var task = Task.Run(async () =>
                {
                    using var conn = KubernetesClientFactory.Create(connection!, new KubernetesClientOptions { MaxAttempts = 1, RequestTimeout = limit });
                    var ns = kind == CompletionKind.Namespace ? null : string.IsNullOrEmpty(@namespace) ? conn.Namespace : @namespace;
                    return await CompleteAsync(conn.Api, kind, ns, null, cts.Token).ConfigureAwait(false);
                }, cts.Token);
                if (!task.Wait(limit + TimeSpan.FromMilliseconds(250)))
                {
                    return [];
                }

                cached = (DateTimeOffset.UtcNow, task.Result);
                Cache[key] = cached;
            }

            return cached.Names.Where(n => string.IsNullOrEmpty(prefix) || n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList();
        }
#pragma warning disable CA1031 // completion at the prompt must never throw, whatever went wrong
        catch (Exception)
#pragma warning restore CA1031
        {
            return [];
        }
    }

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
