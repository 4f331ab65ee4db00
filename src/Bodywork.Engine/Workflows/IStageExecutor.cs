using Bodywork.Models.Workflows;

namespace Bodywork.Engine.Workflows;

/// <summary>
/// Runs stages somewhere: local processes (<c>Bodywork.Engine.Local.LocalStageExecutor</c>) or Kubernetes
/// Jobs/Deployments. <see cref="WorkflowRunner"/> owns the DAG (steps in order, stages of a step in
/// parallel), attempts and time limits (unless <see cref="Capabilities"/> says otherwise), events and the result.
/// <para>Cancellation contract: when a token passed to a stage call fires, the executor stops what that call
/// started (kills the process tree, deletes the Job, stops the half-started service) before it returns or
/// throws <see cref="OperationCanceledException"/>. The runner decides whether that was a time limit or Ctrl+C.</para>
/// <para>Calls for different stages run concurrently; one executor instance serves one run.</para>
/// </summary>
public interface IStageExecutor
{
    StageExecutorCapabilities Capabilities { get; }

    /// <summary>
    /// Called once, before any stage runs: check everything that can fail early (secrets present, ports
    /// free, namespace set up) and prepare shared resources (virtual environment). Throw a
    /// <c>BodyworkException</c> to stop the run with nothing started.
    /// </summary>
    Task PrepareAsync(WorkflowExecutionContext run, CancellationToken cancellationToken);

    /// <summary>Runs one attempt of a batch stage (all attempts when <see cref="StageExecutorCapabilities.HandlesRetries"/>).</summary>
    Task<StageOutcome> RunBatchAsync(StageExecution execution, CancellationToken cancellationToken);

    /// <summary>
    /// Starts (or updates) a service stage and waits until it is ready; on failure or timeout it stops or
    /// rolls back what it started. Success leaves the service running after the workflow.
    /// </summary>
    Task<StageOutcome> StartServiceAsync(StageExecution execution, CancellationToken cancellationToken);

    /// <summary>
    /// Called once when the run ends, whatever the outcome (the token is not the run's: cleanup must not be
    /// cancelled by Ctrl+C). On <see cref="WorkflowStatus.Cancelled"/> stop everything this run started;
    /// otherwise release scratch resources only (services of successful steps keep running).
    /// </summary>
    Task FinishAsync(WorkflowExecutionContext run, WorkflowStatus status, CancellationToken cancellationToken);
}
