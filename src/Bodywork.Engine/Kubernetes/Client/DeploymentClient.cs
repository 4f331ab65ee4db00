using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>Deployments plus revisions and rollback.</summary>
internal sealed class DeploymentClient : NamespacedResourceClient<Deployment>, IDeploymentClient
{
    private readonly INamespacedResourceClient<ReplicaSet> _replicaSets;

    public DeploymentClient(ResourceOperations<Deployment> operations, INamespacedResourceClient<ReplicaSet> replicaSets)
        : base(operations) => _replicaSets = replicaSets;

    public Task<IReadOnlyList<DeploymentRevision>> ListRevisionsAsync(Deployment deployment, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("next commit" + _replicaSets.ResourceType);

    public Task<RollbackResult> RollbackAsync(string namespaceName, string name, long? toRevision = null, WriteOptions? options = null,
        CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("next commit");
}
