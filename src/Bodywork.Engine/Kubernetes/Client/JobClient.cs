using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>Jobs plus their pods.</summary>
internal sealed class JobClient : NamespacedResourceClient<Job>, IJobClient
{
    private readonly IPodClient _pods;

    public JobClient(ResourceOperations<Job> operations, IPodClient pods) : base(operations) => _pods = pods;

    public async Task<IReadOnlyList<Pod>> ListPodsAsync(string namespaceName, string jobName, CancellationToken cancellationToken = default)
    {
        var pods = await _pods.ListAsync(Required(namespaceName),
            new ListOptions { LabelSelector = "batch.kubernetes.io/job-name=" + jobName }, cancellationToken).ConfigureAwait(false);
        if (pods.Items.Count > 0)
        {
            return pods.Items;
        }

        // Servers before 1.27 only set the legacy label.
        pods = await _pods.ListAsync(namespaceName, new ListOptions { LabelSelector = "job-name=" + jobName }, cancellationToken)
            .ConfigureAwait(false);
        return pods.Items;
    }
}
