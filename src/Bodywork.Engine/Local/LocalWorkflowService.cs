using Bodywork.Engine.Git;
using Bodywork.Models.Operations;
using Bodywork.Models.Workflows;

namespace Bodywork.Engine.Local;

/// <summary>
/// Runs a workflow on this machine (Invoke-BodyworkWorkflow -Local, <c>bodywork workflow --local</c>):
/// copies the folder or clones the repository into a workspace in the state folder, loads and validates
/// the project, asks ShouldProcess (so -WhatIf prints the plan and runs nothing), then runs the DAG with
/// <see cref="Workflows.WorkflowRunner"/> over a <see cref="LocalStageExecutor"/>.
/// </summary>
public sealed class LocalWorkflowService
{
    /// <param name="services">Where services are recorded; null: the default state folder.</param>
    /// <param name="git">The cloner; null: <c>git</c> on PATH.</param>
    public LocalWorkflowService(LocalServiceStore? services = null, GitCloner? git = null)
    {
        Services = services ?? new LocalServiceStore();
        Git = git ?? new GitCloner();
    }

    public LocalServiceStore Services { get; }

    public GitCloner Git { get; }

    /// <summary>
    /// Runs the workflow. Returns the run (Succeeded or Failed), or null when ShouldProcess said no (-WhatIf).
    /// Throws <c>BodyworkException</c> when nothing could run (invalid project, clone failure, missing secret,
    /// port in use, no Python) and <see cref="OperationCanceledException"/> after cleaning up on cancellation.
    /// </summary>
    /// <param name="context">Cancellation, ShouldProcess and the streams.</param>
    /// <param name="observer">Receives the events; null: mapped onto <paramref name="context"/> by <see cref="Workflows.OperationContextWorkflowObserver"/>.</param>
    public Task<WorkflowRun?> RunAsync(LocalWorkflowRequest request, IOperationContext context, IWorkflowObserver? observer = null) =>
        throw new NotImplementedException("contract only");
}
