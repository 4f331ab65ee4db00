using Bodywork.Engine.Git;
using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Models.Operations;
using Bodywork.Models.Workflows;

namespace Bodywork.Engine.Workflows.Kubernetes;

/// <summary>
/// Runs a workflow on a cluster: clones the repository, validates the whole project (nothing reaches the
/// cluster when it is invalid), checks the namespace is set up for Bodywork, asks ShouldProcess (-WhatIf
/// prints every object it would apply and stops), then runs the DAG with <see cref="WorkflowRunner"/> over a
/// <see cref="KubernetesStageExecutor"/>.
/// </summary>
public sealed class KubernetesWorkflowService
{
    /// <param name="api">The cluster.</param>
    /// <param name="git">The cloner; null: <c>git</c> on PATH.</param>
    public KubernetesWorkflowService(IKubernetesApi api, GitCloner? git = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        Api = api;
        Git = git ?? new GitCloner();
    }

    /// <summary>The cluster.</summary>
    public IKubernetesApi Api { get; }

    /// <summary>The cloner.</summary>
    public GitCloner Git { get; }

    /// <summary>
    /// Runs the workflow. Returns the run (Succeeded or Failed), or null when ShouldProcess said no (-WhatIf).
    /// Throws <c>BodyworkException</c> when nothing could run (clone failure, invalid project, namespace not set
    /// up, missing secret) and <see cref="OperationCanceledException"/> after deleting the Jobs it created.
    /// </summary>
    /// <param name="context">Cancellation, ShouldProcess and the streams.</param>
    /// <param name="observer">Receives the events; null: mapped onto <paramref name="context"/> by <see cref="OperationContextWorkflowObserver"/>.</param>
    public Task<WorkflowRun?> RunAsync(KubernetesWorkflowRequest request, IOperationContext context, IWorkflowObserver? observer = null) =>
        throw new NotImplementedException("contract only");
}
