using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Manifests;
using Bodywork.Models.Workflows;

namespace Bodywork.Engine.Workflows.Kubernetes;

/// <summary>
/// Runs stages as Kubernetes objects for <see cref="WorkflowRunner"/>: a batch stage is a Job (Kubernetes
/// retries it and enforces its deadline; its result comes from its conditions through a watch; its pods' logs
/// stream back as they are written; it is deleted with its pods afterwards), a service stage is a Deployment
/// (applied, watched until rolled out, rolled back — or deleted when first-ever — on failure, exposed by a
/// ClusterIP Service on success). Cancellation deletes the Jobs of this run and undoes half-made rollouts.
/// </summary>
public sealed class KubernetesStageExecutor : IStageExecutor
{
    /// <param name="api">The cluster.</param>
    /// <param name="source">Namespace, repository, branch, commit and image of this run.</param>
    public KubernetesStageExecutor(IKubernetesApi api, StageSource source)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(source);
        Api = api;
        Source = source;
    }

    /// <summary>The cluster.</summary>
    public IKubernetesApi Api { get; }

    /// <summary>Where the stage pods get their code.</summary>
    public StageSource Source { get; }

    /// <inheritdoc />
    public StageExecutorCapabilities Capabilities { get; } = new() { HandlesRetries = true, HandlesTimeouts = true };

    /// <inheritdoc />
    public Task PrepareAsync(WorkflowExecutionContext run, CancellationToken cancellationToken) =>
        throw new NotImplementedException("contract only");

    /// <inheritdoc />
    public Task<StageOutcome> RunBatchAsync(StageExecution execution, CancellationToken cancellationToken) =>
        throw new NotImplementedException("contract only");

    /// <inheritdoc />
    public Task<StageOutcome> StartServiceAsync(StageExecution execution, CancellationToken cancellationToken) =>
        throw new NotImplementedException("contract only");

    /// <inheritdoc />
    public Task FinishAsync(WorkflowExecutionContext run, WorkflowStatus status, CancellationToken cancellationToken) =>
        throw new NotImplementedException("contract only");
}
