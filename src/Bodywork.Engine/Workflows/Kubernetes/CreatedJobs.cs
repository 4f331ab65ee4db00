using System.Collections.Concurrent;
using Bodywork.Engine.Kubernetes.Client;

namespace Bodywork.Engine.Workflows.Kubernetes;

/// <summary>The Jobs this run created and has not deleted yet: what Ctrl+C must clean up.</summary>
internal sealed class CreatedJobs
{
    /// <summary>How long one cleanup call may take.</summary>
    public static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, byte> _names = new(StringComparer.Ordinal);

    public void Add(string name) => _names[name] = 0;

    public void Remove(string name) => _names.TryRemove(name, out _);

    public IReadOnlyList<string> Names => [.. _names.Keys];

    /// <summary>Deletes every Job still listed (best effort; each with its own time limit).</summary>
    public async Task DeleteAllAsync(IJobClient jobs, string namespaceName, Action<string> report, CancellationToken cancellationToken)
    {
        foreach (var name in Names)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(CleanupTimeout);
            try
            {
                await jobs.DeleteAsync(namespaceName, name, DeleteOptions.Default, limit.Token).ConfigureAwait(false);
                Remove(name);
                report($"deleted job={name} from namespace={namespaceName}");
            }
            catch (Exception ex) when (ex is Bodywork.Engine.Kubernetes.Errors.KubernetesApiException or OperationCanceledException or HttpRequestException)
            {
                report($"could not delete job={name} from namespace={namespaceName}: {ex.Message}");
            }
        }
    }
}
