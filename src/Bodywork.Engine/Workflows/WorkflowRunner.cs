using System.Diagnostics;
using Bodywork.Models.Projects;
using Bodywork.Models.Workflows;

namespace Bodywork.Engine.Workflows;

/// <summary>
/// Runs a loaded project's DAG over an <see cref="IStageExecutor"/>, independent of where stages run:
/// steps in order, the stages of a step in parallel (batch and service together), batch attempts up to
/// RETRIES + 1, time limits per attempt, service readiness, stop after the first failed step, and
/// cancellation that asks the executor to stop everything it started. Every change is a
/// <see cref="WorkflowEvent"/>; the result is a <see cref="WorkflowRun"/>.
/// </summary>
public sealed class WorkflowRunner
{
    /// <summary>How long <see cref="IStageExecutor.FinishAsync"/> may take after Ctrl+C before we give up on it.</summary>
    public static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(60);

    private readonly IStageExecutor _executor;
    private readonly IWorkflowObserver _observer;
    private readonly TimeProvider _time;

    public WorkflowRunner(IStageExecutor executor, IWorkflowObserver observer, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(observer);
        _executor = executor;
        _observer = observer;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Runs the workflow. Returns the run (Succeeded or Failed) once it ends. Throws the executor's
    /// <c>BodyworkException</c> when <see cref="IStageExecutor.PrepareAsync"/> fails (nothing ran), and
    /// <see cref="OperationCanceledException"/> after cleaning up when <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task<WorkflowRun> RunAsync(WorkflowExecutionContext run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var start = _time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var steps = run.Project.Steps
            .Select((names, i) => names.Select(n => new StageTracker(run.Project.GetStage(n), i + 1)).ToList())
            .ToList();
        var progress = new RunProgress(run, steps.Sum(s => s.Count), _observer, _time);
        progress.Raise(WorkflowEventKind.WorkflowStarted, WorkflowLogLevel.Info, WorkflowMessages.Started(run));

        var status = WorkflowStatus.Running;
        string? error = null;
        var stepDurations = new TimeSpan?[steps.Count];
        try
        {
            await _executor.PrepareAsync(run, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < steps.Count && status == WorkflowStatus.Running; i++)
            {
                var stepClock = Stopwatch.StartNew();
                var names = steps[i].Select(t => t.Stage.Name).ToList();
                progress.Raise(WorkflowEventKind.StepStarted, WorkflowLogLevel.Info, WorkflowMessages.StepStarted(names), step: i + 1);
                await Task.WhenAll(steps[i].Select(t => RunStageAsync(run, t, progress, cancellationToken))).ConfigureAwait(false);
                stepDurations[i] = stepClock.Elapsed;
                cancellationToken.ThrowIfCancellationRequested();
                var failed = steps[i].Where(t => t.Status != StageRunStatus.Succeeded).ToList();
                if (failed.Count == 0)
                {
                    progress.Raise(WorkflowEventKind.StepSucceeded, WorkflowLogLevel.Info, WorkflowMessages.StepSucceeded(names), step: i + 1);
                    continue;
                }

                error = string.Join("; ", failed.Select(t => $"stage {t.Stage.Name}: {t.Error}"));
                progress.Raise(WorkflowEventKind.StepFailed, WorkflowLogLevel.Error, WorkflowMessages.StepFailed(names, error), step: i + 1);
                status = WorkflowStatus.Failed;
            }

            if (status == WorkflowStatus.Running)
            {
                status = WorkflowStatus.Succeeded;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            foreach (var tracker in steps.SelectMany(s => s).Where(t => t.Status == StageRunStatus.Running))
            {
                tracker.Status = StageRunStatus.Cancelled;
            }

            await FinishQuietlyAsync(run, WorkflowStatus.Cancelled).ConfigureAwait(false);
            progress.Raise(WorkflowEventKind.WorkflowCancelled, WorkflowLogLevel.Warning, WorkflowMessages.Cancelled(run));
            throw;
        }
        catch (Exception ex)
        {
            // PrepareAsync failed: nothing ran. Report it in the log, let the executor release what it
            // prepared, and let the caller turn the exception into an error record / exit code.
            progress.Raise(WorkflowEventKind.WorkflowFailed, WorkflowLogLevel.Error, WorkflowMessages.Failed(run, ex.Message));
            await FinishQuietlyAsync(run, WorkflowStatus.Failed).ConfigureAwait(false);
            throw;
        }

        await _executor.FinishAsync(run, status, CancellationToken.None).ConfigureAwait(false);
        if (status == WorkflowStatus.Succeeded)
        {
            progress.Raise(WorkflowEventKind.WorkflowSucceeded, WorkflowLogLevel.Info, WorkflowMessages.Succeeded(run));
        }
        else
        {
            progress.Raise(WorkflowEventKind.WorkflowFailed, WorkflowLogLevel.Error, WorkflowMessages.Failed(run, error ?? "unknown error"));
        }

        return new WorkflowRun
        {
            Project = run.Project.Name,
            Namespace = run.Namespace,
            Source = run.Source,
            Branch = run.Branch,
            Commit = run.Commit,
            Status = status,
            StartTime = start,
            Duration = clock.Elapsed,
            Error = error,
            Steps = steps.Select((trackers, i) => new WorkflowStepResult
            {
                Step = i + 1,
                Stages = trackers.Select(t => t.ToResult()).ToList(),
                Status = StepStatus(trackers),
                Duration = stepDurations[i],
            }).ToList(),
        };
    }

    private async Task FinishQuietlyAsync(WorkflowExecutionContext run, WorkflowStatus status)
    {
        // Cleanup after Ctrl+C must not itself be cancelled by it, but must not hang the shell either.
        using var limit = new CancellationTokenSource(CleanupTimeout);
        try
        {
            await _executor.FinishAsync(run, status, limit.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _observer.OnEvent(new WorkflowEvent
            {
                Kind = WorkflowEventKind.StageAction,
                Time = _time.GetUtcNow(),
                Level = WorkflowLogLevel.Warning,
                Message = $"cleanup after the run failed: {ex.Message}",
            });
        }
    }

    private static StageRunStatus StepStatus(IReadOnlyList<StageTracker> trackers)
    {
        StageRunStatus[] worstFirst = [StageRunStatus.Cancelled, StageRunStatus.TimedOut, StageRunStatus.Failed,
            StageRunStatus.Running, StageRunStatus.NotStarted];
        foreach (var status in worstFirst)
        {
            if (trackers.Any(t => t.Status == status))
            {
                return status;
            }
        }

        return StageRunStatus.Succeeded;
    }

    private async Task RunStageAsync(WorkflowExecutionContext run, StageTracker tracker, RunProgress progress, CancellationToken cancellationToken)
    {
        var stage = tracker.Stage;
        var stageClock = Stopwatch.StartNew();
        tracker.StartTime = _time.GetUtcNow();
        tracker.Status = StageRunStatus.Running;
        var isBatch = stage.Kind == StageKind.Batch;
        var maxAttempts = isBatch ? Math.Max(0, stage.Retries ?? 0) + 1 : 1;
        var limit = TimeSpan.FromSeconds(Math.Max(1, isBatch ? stage.MaxCompletionTimeSeconds ?? 60 : stage.MaxStartupTimeSeconds ?? 60));
        var sink = new StageEventSink(tracker, progress, maxAttempts);
        progress.Raise(WorkflowEventKind.StageStarted, WorkflowLogLevel.Info,
            WorkflowMessages.StageStarted(stage.Name, isBatch ? "batch" : "service", run), tracker.Step, stage.Name, maxAttempts: maxAttempts);
        var caps = _executor.Capabilities;
        var callsAllowed = isBatch && !caps.HandlesRetries ? maxAttempts : 1;
        StageOutcome outcome = StageOutcome.Failure("not run");
        for (var attempt = 1; attempt <= callsAllowed; attempt++)
        {
            if (!(isBatch && caps.HandlesRetries))
            {
                sink.AttemptStarted(attempt);
            }

            var execution = new StageExecution
            {
                Run = run,
                Stage = stage,
                Step = tracker.Step,
                Attempt = attempt,
                MaxAttempts = maxAttempts,
                TimeLimit = limit,
                Events = sink,
            };
            try
            {
                outcome = await CallWithTimeLimitAsync(execution, isBatch, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                tracker.Status = StageRunStatus.Cancelled;
                tracker.Error = "cancelled";
                tracker.Duration = stageClock.Elapsed;
                throw;
            }

            tracker.Attempts = outcome.Attempts ?? attempt;
            if (outcome.Status == StageOutcomeStatus.Succeeded || attempt == callsAllowed)
            {
                break;
            }

            sink.AttemptFailed(attempt, outcome.Error ?? "failed");
        }

        tracker.Duration = stageClock.Elapsed;
        tracker.Error = outcome.Status == StageOutcomeStatus.Succeeded ? null : outcome.Error ?? "failed";
        tracker.ServiceUrl = outcome.ServiceUrl;
        tracker.Status = outcome.Status switch
        {
            StageOutcomeStatus.Succeeded => StageRunStatus.Succeeded,
            StageOutcomeStatus.TimedOut => StageRunStatus.TimedOut,
            _ => StageRunStatus.Failed,
        };
        progress.StageFinished();
        if (tracker.Status == StageRunStatus.Succeeded)
        {
            if (!isBatch && outcome.ServiceUrl is not null)
            {
                progress.Raise(WorkflowEventKind.ServiceReady, WorkflowLogLevel.Info, WorkflowMessages.ServiceReady(stage.Name, outcome.ServiceUrl),
                    tracker.Step, stage.Name, serviceUrl: outcome.ServiceUrl);
            }

            progress.Raise(WorkflowEventKind.StageSucceeded, WorkflowLogLevel.Info, WorkflowMessages.StageSucceeded(stage.Name, run),
                tracker.Step, stage.Name, origin: "stage.run_stage");
        }
        else
        {
            progress.Raise(WorkflowEventKind.StageFailed, WorkflowLogLevel.Error, WorkflowMessages.StageFailed(stage.Name, tracker.Error!),
                tracker.Step, stage.Name, origin: "stage.run_stage");
        }
    }

    /// <summary>One executor call, cancelled when the time limit passes (or its backstop when the executor keeps time itself).</summary>
    private async Task<StageOutcome> CallWithTimeLimitAsync(StageExecution execution, bool isBatch, CancellationToken cancellationToken)
    {
        var caps = _executor.Capabilities;
        var budget = caps.HandlesTimeouts ? execution.TimeLimit + caps.TimeoutGrace : execution.TimeLimit;
        using var timeout = new CancellationTokenSource(budget, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var limitName = isBatch ? "MAX_COMPLETION_TIME_SECONDS" : "MAX_STARTUP_TIME_SECONDS";
        var limitText = $"{limitName}={execution.TimeLimit.TotalSeconds:0}";
        try
        {
            var outcome = isBatch
                ? await _executor.RunBatchAsync(execution, linked.Token).ConfigureAwait(false)
                : await _executor.StartServiceAsync(execution, linked.Token).ConfigureAwait(false);
            // An executor that noticed the deadline itself may report Failed; call it what it was.
            return outcome.Status == StageOutcomeStatus.Failed && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                ? outcome with { Status = StageOutcomeStatus.TimedOut }
                : outcome;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return StageOutcome.Timeout(isBatch
                ? $"ran longer than {limitText} and was stopped"
                : $"not ready within {limitText}; stopped");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // An executor bug or a runtime error (e.g. the API refused the Job) fails this stage, not the process.
            return StageOutcome.Failure(ex.Message);
        }
    }
}
