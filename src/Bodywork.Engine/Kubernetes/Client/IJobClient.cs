using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>batch/v1 Jobs. Deletes always send propagationPolicy (Background by default) so pods go too.</summary>
public interface IJobClient : INamespacedResourceClient<Job>
{
    /// <summary>The Job's pods (label batch.kubernetes.io/job-name, falling back to job-name on old servers).</summary>
    Task<IReadOnlyList<Pod>> ListPodsAsync(string namespaceName, string jobName, CancellationToken cancellationToken = default);
}
