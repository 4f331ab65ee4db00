using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>apps/v1 Deployments plus rollout history and rollback (kubectl rollout undo).</summary>
public interface IDeploymentClient : INamespacedResourceClient<Deployment>
{
    /// <summary>
    /// The ReplicaSets the Deployment controls (full selector, controller ownerReference with its uid),
    /// ordered by revision ascending; ReplicaSets without a revision annotation are left out.
    /// </summary>
    Task<IReadOnlyList<DeploymentRevision>> ListRevisionsAsync(Deployment deployment, CancellationToken cancellationToken = default);

    /// <summary>
    /// kubectl rollout undo (spec §3.5): patch the Deployment's template with the target ReplicaSet's
    /// template (pod-template-hash removed) and its annotations, in one JSON patch. Target: revision
    /// <paramref name="toRevision"/>, else the second-highest. Throws InvalidOperation BodyworkException when
    /// the Deployment is paused, has no history, or the revision does not exist; NotFound when it is missing.
    /// Does not wait; use Watch.RolloutStatus afterwards.
    /// </summary>
    Task<RollbackResult> RollbackAsync(string namespaceName, string name, long? toRevision = null, WriteOptions? options = null,
        CancellationToken cancellationToken = default);
}

/// <summary>One revision of a Deployment: its ReplicaSet and revision number.</summary>
public sealed record DeploymentRevision(long Revision, ReplicaSet ReplicaSet);

/// <summary>What a rollback did.</summary>
/// <param name="RolledBack">False when the target template already matched ("skipped rollback").</param>
/// <param name="Revision">The revision rolled back to.</param>
/// <param name="Deployment">The Deployment after the patch (or as found, when skipped).</param>
public sealed record RollbackResult(bool RolledBack, long Revision, Deployment Deployment);
