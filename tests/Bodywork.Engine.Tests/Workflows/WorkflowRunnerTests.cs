using Bodywork.Engine.Projects;
using Bodywork.Engine.Tests.Support;
using Bodywork.Engine.Workflows;
using Bodywork.Models.Errors;
using Bodywork.Models.Projects;
using Bodywork.Models.Workflows;
using Xunit;

namespace Bodywork.Engine.Tests.Workflows;

/// <summary>The runner core over a fake executor: order, parallelism, failure, retries, time limits, cancellation.</summary>
public sealed class WorkflowRunnerTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly ProjectBuilder _builder = new();
    private readonly FakeStageExecutor _executor = new();
    private readonly RecordingObserver _observer = new();

    public void Dispose() => _builder.Dispose();

    private WorkflowExecutionContext Project(string dag, Action<ProjectBuilder>? stages = null)
    {
        _builder.WithDag(dag);
        if (stages is null)
        {
            foreach (var name in dag.Replace(">>", ",", StringComparison.Ordinal).Split(',').Select(s => s.Trim()).Distinct())
            {
                _builder.WithBatchStage(name, retries: 0);
            }
        }
        else
        {
            stages(_builder);
        }

        return new WorkflowExecutionContext { Project = BodyworkProjects.Load(_builder.Build()), Source = "/src", Branch = "main", Commit = "abc" };
    }

    private Task<WorkflowRun> RunAsync(WorkflowExecutionContext run, CancellationToken cancellationToken = default) =>
        new WorkflowRunner(_executor, _observer).RunAsync(run, cancellationToken).WaitAsync(Patience, CancellationToken.None);

    [Fact]
    public async Task Steps_run_in_order_and_every_stage_of_a_step_runs_at_the_same_time()
    {
        var run = Project("a >> b, c, d >> e");
        // Each stage of step 2 waits until all three have started: sequential execution would never get there.
        var started = 0;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var name in new[] { "b", "c", "d" })
        {
            _executor.On(name, async (_, ct) =>
            {
                if (Interlocked.Increment(ref started) == 3)
                {
                    allStarted.TrySetResult();
                }

                await allStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
                return StageOutcome.Success();
            });
        }

        var result = await RunAsync(run);

        Assert.Equal(WorkflowStatus.Succeeded, result.Status);
        var journal = _executor.Journal;
        var endOfA = journal.IndexOf("end:a:1");
        var startOfE = journal.IndexOf("start:e:1");
        Assert.All(new[] { "b", "c", "d" }, s =>
        {
            Assert.True(journal.IndexOf($"start:{s}:1") > endOfA, $"{s} started before step 1 ended: {string.Join(", ", journal)}");
            Assert.True(journal.IndexOf($"end:{s}:1") < startOfE, $"e started before {s} ended: {string.Join(", ", journal)}");
        });
        Assert.Equal([1, 2, 3], result.Steps.Select(s => s.Step));
        Assert.Equal(["b", "c", "d"], result.Steps[1].Stages.Select(s => s.Stage));
        Assert.All(result.Stages, s => Assert.Equal(StageRunStatus.Succeeded, s.Status));
        Assert.Equal(WorkflowStatus.Succeeded, _executor.FinishedWith);
    }

    [Fact]
    public async Task A_failed_stage_fails_its_step_and_later_steps_never_start()
    {
        var run = Project("a >> b, c >> d");
        _executor.On("b", (_, _) => Task.FromResult(StageOutcome.Failure("exit code 3")));

        var result = await RunAsync(run);

        Assert.Equal(WorkflowStatus.Failed, result.Status);
        Assert.Empty(_executor.Entries("start:d"));
        Assert.Single(_executor.Entries("end:c"));   // its sibling was not cut short
        Assert.Equal(StageRunStatus.Failed, result.Steps[1].Status);
        Assert.Equal(StageRunStatus.NotStarted, result.Steps[2].Stages[0].Status);
        Assert.Equal(["b"], result.FailedStages);
        Assert.Contains("stage b: exit code 3", result.Error, StringComparison.Ordinal);
        Assert.Equal(WorkflowStatus.Failed, _executor.FinishedWith);
        var failed = Assert.Single(_observer.OfKind(WorkflowEventKind.WorkflowFailed));
        Assert.Equal(WorkflowLogLevel.Error, failed.Level);
        Assert.StartsWith("failed to execute workflow for main branch of project repository at /src: ", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_stage_is_retried_until_it_succeeds()
    {
        var run = Project("flaky", b => b.WithBatchStage("flaky", retries: 2));
        _executor.On("flaky", (e, _) => Task.FromResult(e.Attempt < 3 ? StageOutcome.Failure($"boom {e.Attempt}") : StageOutcome.Success()));

        var result = await RunAsync(run);

        Assert.Equal(WorkflowStatus.Succeeded, result.Status);
        var stage = Assert.Single(result.Stages);
        Assert.Equal(3, stage.Attempts);
        Assert.Null(stage.Error);
        Assert.Equal(["start:flaky:1", "start:flaky:2", "start:flaky:3"], _executor.Entries("start:"));
        Assert.Equal(2, _observer.OfKind(WorkflowEventKind.StageAttemptFailed).Count);
        Assert.All(_observer.OfKind(WorkflowEventKind.StageAttemptStarted), e => Assert.Equal(3, e.MaxAttempts));
    }

    [Fact]
    public async Task A_batch_stage_fails_after_RETRIES_plus_one_attempts()
    {
        var run = Project("bad", b => b.WithBatchStage("bad", retries: 1));
        _executor.On("bad", (e, _) => Task.FromResult(StageOutcome.Failure($"exit code {e.Attempt}")));

        var result = await RunAsync(run);

        var stage = Assert.Single(result.Stages);
        Assert.Equal(StageRunStatus.Failed, stage.Status);
        Assert.Equal(2, stage.Attempts);
        Assert.Equal("exit code 2", stage.Error);
    }

    [Fact]
    public async Task An_attempt_past_its_time_limit_is_cancelled_and_counts_as_failed()
    {
        var run = Project("slow", b => b.WithBatchStage("slow", retries: 1, maxCompletionTimeSeconds: 1));
        _executor.On("slow", async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return StageOutcome.Success();
        });

        var result = await RunAsync(run);

        var stage = Assert.Single(result.Stages);
        Assert.Equal(StageRunStatus.TimedOut, stage.Status);
        Assert.Equal(2, stage.Attempts);
        Assert.Contains("MAX_COMPLETION_TIME_SECONDS=1", stage.Error, StringComparison.Ordinal);
        Assert.Equal(2, _executor.Entries("cancelled:slow").Count);
        Assert.Equal(WorkflowStatus.Failed, result.Status);
    }

    [Fact]
    public async Task A_service_that_is_not_ready_in_time_times_out()
    {
        var run = Project("svc", b => b.WithServiceStage("svc", maxStartupTimeSeconds: 1));
        _executor.On("svc", async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return StageOutcome.Success("never");
        });

        var result = await RunAsync(run);

        var stage = Assert.Single(result.Stages);
        Assert.Equal(StageRunStatus.TimedOut, stage.Status);
        Assert.Equal(1, stage.Attempts);
        Assert.Contains("MAX_STARTUP_TIME_SECONDS=1", stage.Error, StringComparison.Ordinal);
        Assert.Empty(_observer.OfKind(WorkflowEventKind.ServiceReady));
    }

    [Fact]
    public async Task A_ready_service_reports_its_url()
    {
        var run = Project("prep >> svc", b => b.WithBatchStage("prep").WithServiceStage("svc", port: 8123));

        var result = await RunAsync(run);

        Assert.Equal(["http://fake/svc"], result.ServiceUrls);
        var ready = Assert.Single(_observer.OfKind(WorkflowEventKind.ServiceReady));
        Assert.Equal("svc", ready.Stage);
        Assert.Equal("http://fake/svc", ready.ServiceUrl);
        Assert.Equal(StageKind.Service, result.Stages[1].Kind);
        Assert.Equal("test-project--svc", result.Stages[1].ObjectName);
    }

    [Fact]
    public async Task Cancellation_stops_running_stages_and_asks_the_executor_to_clean_up()
    {
        var run = Project("a >> b, c >> d");
        using var cancel = new CancellationTokenSource();
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<StageExecution, CancellationToken, Task<StageOutcome>> block = async (_, ct) =>
        {
            running.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return StageOutcome.Success();
        };
        _executor.On("b", block).On("c", block);

        var runTask = RunAsync(run, cancel.Token);
        await running.Task.WaitAsync(Patience);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runTask);
        Assert.Equal(WorkflowStatus.Cancelled, _executor.FinishedWith);
        Assert.Equal(2, _executor.Entries("cancelled:").Count);
        Assert.Empty(_executor.Entries("start:d"));
        Assert.Single(_observer.OfKind(WorkflowEventKind.WorkflowCancelled));
        Assert.Empty(_observer.OfKind(WorkflowEventKind.StageAttemptFailed)); // Ctrl+C is not a failed attempt to retry
    }

    [Fact]
    public async Task An_executor_that_handles_retries_is_called_once_with_every_attempt_allowed()
    {
        _executor.Capabilities = new StageExecutorCapabilities { HandlesRetries = true, HandlesTimeouts = true };
        var run = Project("job", b => b.WithBatchStage("job", retries: 4));
        var maxAttempts = 0;
        _executor.On("job", (e, _) =>
        {
            maxAttempts = e.MaxAttempts;
            e.Events.AttemptStarted(1);
            e.Events.AttemptFailed(1, "pod failed");
            e.Events.AttemptStarted(2);
            return Task.FromResult(StageOutcome.Success() with { Attempts = 2 });
        });

        var result = await RunAsync(run);

        Assert.Equal(5, maxAttempts);
        Assert.Single(_executor.Entries("start:"));
        Assert.Equal(2, result.Stages[0].Attempts);
        Assert.Equal(2, _observer.OfKind(WorkflowEventKind.StageAttemptStarted).Count);
    }

    [Fact]
    public async Task A_failing_preparation_runs_nothing_and_is_thrown()
    {
        var run = Project("a >> b");
        _executor.PrepareFailure = new BodyworkException(BodyworkErrorIds.SecretValueMissing, BodyworkErrorCategory.ObjectNotFound, "no value for X");

        var error = await Assert.ThrowsAsync<BodyworkException>(() => RunAsync(run));

        Assert.Equal(BodyworkErrorIds.SecretValueMissing, error.ErrorId);
        Assert.Empty(_executor.Entries("start:"));
        Assert.Equal(WorkflowStatus.Failed, _executor.FinishedWith);
        Assert.Contains("no value for X", Assert.Single(_observer.OfKind(WorkflowEventKind.WorkflowFailed)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_executor_exception_fails_the_stage_not_the_runner()
    {
        var run = Project("a");
        _executor.On("a", (_, _) => throw new InvalidOperationException("the API refused the job"));

        var result = await RunAsync(run);

        Assert.Equal(WorkflowStatus.Failed, result.Status);
        Assert.Equal("the API refused the job", result.Stages[0].Error);
    }

    [Fact]
    public async Task Stage_output_becomes_log_events_and_the_tail_of_the_last_attempt()
    {
        var run = Project("talk", b => b.WithBatchStage("talk", retries: 1));
        _executor.On("talk", (e, _) =>
        {
            for (var i = 0; i < StageTrackerLimit + 5; i++)
            {
                e.Events.Log($"attempt {e.Attempt} line {i}");
            }

            return Task.FromResult(e.Attempt == 1 ? StageOutcome.Failure("x") : StageOutcome.Success());
        });

        var result = await RunAsync(run);

        var tail = result.Stages[0].LogTail;
        Assert.Equal(StageTrackerLimit, tail.Count);
        Assert.Equal($"attempt 2 line {StageTrackerLimit + 4}", tail[^1]);
        Assert.All(tail, l => Assert.StartsWith("attempt 2 ", l, StringComparison.Ordinal));
        var logs = _observer.OfKind(WorkflowEventKind.StageLog);
        Assert.Equal(2 * (StageTrackerLimit + 5), logs.Count);
        Assert.All(logs, e => Assert.Equal("talk", e.Stage));
        Assert.Equal("stage.run_stage", logs[0].Origin);
    }

    private const int StageTrackerLimit = 50;

    [Fact]
    public async Task Events_follow_the_original_log_texts()
    {
        var run = Project("a >> b, c");

        await RunAsync(run);

        var messages = _observer.Events.Where(e => e.Stage is null).Select(e => e.Message).ToList();
        Assert.Equal("attempting to run workflow for project=/src on branch=main locally", messages[0]);
        Assert.Contains("attempting to execute DAG step=['b', 'c']", messages);
        Assert.Contains("successfully executed DAG step=['a']", messages);
        Assert.Equal("successfully ran workflow for project=/src on branch=main locally", messages[^1]);
        var last = _observer.Events[^1];
        Assert.Equal(3, last.StagesCompleted);
        Assert.Equal(3, last.StageCount);
    }
}
