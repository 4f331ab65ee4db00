using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Models;
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
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The watches are disposed in FinishAsync, which the runner always calls.")]
public sealed class KubernetesStageExecutor : IStageExecutor
{
    private readonly CreatedJobs _created = new();
    private SharedWatch<Job>? _jobs;
    private SharedWatch<Pod>? _pods;

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

    /// <summary>Jobs created and not yet deleted (empty after a run, whatever its outcome).</summary>
    public IReadOnlyList<string> PendingJobs => _created.Names;

    /// <summary>Checks the stages' secrets and opens the run's shared Job and pod watches (only when a batch stage exists).</summary>
    public async Task PrepareAsync(WorkflowExecutionContext run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await SecretCheck.EnsureAsync(Api, Source.Namespace, run.Project, cancellationToken).ConfigureAwait(false);
        if (run.Project.Stages.Any(s => s.Kind == Bodywork.Models.Projects.StageKind.Batch))
        {
            var selector = $"{BodyworkLabels.ManagedByKey}={BodyworkLabels.ManagedByValue},{BodyworkLabels.ProjectKey}={run.Project.Name}";
            _jobs = new SharedWatch<Job>(Api.Jobs, Source.Namespace, selector);
            _pods = new SharedWatch<Pod>(Api.Pods, Source.Namespace, selector);
        }
    }

    /// <inheritdoc />
    public Task<StageOutcome> RunBatchAsync(StageExecution execution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);
        if (_jobs is null || _pods is null)
        {
            throw new InvalidOperationException("PrepareAsync has not run");
        }

        return new BatchStageRun(Api, execution, Source).RunAsync(_jobs, _pods, _created, cancellationToken);
    }

    /// <inheritdoc />
    public Task<StageOutcome> StartServiceAsync(StageExecution execution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);
        return new ServiceStageRun(Api, execution, Source).RunAsync(cancellationToken);
    }

    /// <summary>Closes the watches and deletes any Job of this run still there (after Ctrl+C or a failed delete).</summary>
    public async Task FinishAsync(WorkflowExecutionContext run, WorkflowStatus status, CancellationToken cancellationToken)
    {
        if (_jobs is not null)
        {
            await _jobs.DisposeAsync().ConfigureAwait(false);
        }

        if (_pods is not null)
        {
            await _pods.DisposeAsync().ConfigureAwait(false);
        }

        await _created.DeleteAllAsync(Api.Jobs, Source.Namespace, _ => { }, cancellationToken).ConfigureAwait(false);
    }
}
