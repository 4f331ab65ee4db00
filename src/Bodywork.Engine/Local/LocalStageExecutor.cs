using Bodywork.Engine.Workflows;
using Bodywork.Models.Workflows;

namespace Bodywork.Engine.Local;

/// <summary>
/// Runs stages as local Python processes: batch stages to completion (one call per attempt; the runner
/// retries and enforces MAX_COMPLETION_TIME_SECONDS by cancelling, which kills the process group),
/// service stages in the background, detached, ready when PORT accepts connections.
/// </summary>
public sealed class LocalStageExecutor : IStageExecutor
{
    /// <summary>Creates an executor for one run.</summary>
    public LocalStageExecutor(LocalWorkflowRequest request, LocalServiceStore services)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        Request = request;
        Services = services;
    }

    public LocalWorkflowRequest Request { get; }

    public LocalServiceStore Services { get; }

    public StageExecutorCapabilities Capabilities => StageExecutorCapabilities.RunnerManaged;

    public Task PrepareAsync(WorkflowExecutionContext run, CancellationToken cancellationToken) =>
        throw new NotImplementedException("contract only");

    public Task<StageOutcome> RunBatchAsync(StageExecution execution, CancellationToken cancellationToken) =>
        throw new NotImplementedException("contract only");

    public Task<StageOutcome> StartServiceAsync(StageExecution execution, CancellationToken cancellationToken) =>
        throw new NotImplementedException("contract only");

    public Task FinishAsync(WorkflowExecutionContext run, WorkflowStatus status, CancellationToken cancellationToken) =>
        throw new NotImplementedException("contract only");
}
