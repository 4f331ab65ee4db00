using Bodywork.Models.Workflows;
using FakeKubernetes;
using Xunit;

namespace Bodywork.Engine.Tests.Workflows.Kubernetes;

/// <summary>Batch stages as Jobs: retries and deadlines are Kubernetes', read from the Job's conditions; Jobs never outlive their stage.</summary>
[Collection(E2eGroup.Name)]
public sealed class BatchStageTests
{
    [Fact]
    public async Task FailingStageIsRetriedRetriesTimesThenFailsTheWorkflow()
    {
        using var project = new ScriptedProject(p => p.WithBatchStage("train", retries: 2).WithBatchStage("report").WithDag("train >> report"));
        await using var cluster = await FakeCluster.StartAsync(KubeletMode.Succeed);
        cluster.Server.Pods.Script(PodMatch.Label("bodywork.ml/stage", "train"), PodOutcome.AlwaysFail(exitCode: 3, log: "boom\n"));
        using var context = new RecordingContext();

        var run = await cluster.RunAsync(project.Repo.Path, "main", context);

        Assert.NotNull(run);
        Assert.Equal(WorkflowStatus.Failed, run.Status);
        var train = run.Steps[0].Stages[0];
        Assert.Equal(StageRunStatus.Failed, train.Status);
        Assert.Equal(3, train.Attempts);
        Assert.Contains("BackoffLimitExceeded", train.Error, StringComparison.Ordinal);
        Assert.Contains("exit code 3", train.Error, StringComparison.Ordinal);
        Assert.Equal(2, context.Events.Count(e => e.Kind == WorkflowEventKind.StageAttemptFailed && e.Stage == "train"));
        Assert.Contains("boom", context.StageLog("train"));
        Assert.Equal(StageRunStatus.NotStarted, run.Steps[1].Stages[0].Status);
        Assert.Equal(1, cluster.Server.Counters.Count("create", "jobs"));
        Assert.Empty(cluster.List("batch/v1", "Job"));
        Assert.Empty(cluster.List("v1", "Pod"));
    }

    [Fact]
    public async Task StageRunningLongerThanItsDeadlineTimesOutAndIsDeleted()
    {
        using var project = new ScriptedProject(p => p.WithBatchStage("slow", retries: 0, maxCompletionTimeSeconds: 2));
        await using var cluster = await FakeCluster.StartAsync(KubeletMode.Succeed);
        cluster.Server.Pods.Script(PodMatch.Any, PodOutcome.RunForever("working\n"));
        using var context = new RecordingContext();

        var run = await cluster.RunAsync(project.Repo.Path, "main", context);

        Assert.NotNull(run);
        Assert.Equal(WorkflowStatus.Failed, run.Status);
        var slow = run.Steps[0].Stages[0];
        Assert.Equal(StageRunStatus.TimedOut, slow.Status);
        Assert.Contains("MAX_COMPLETION_TIME_SECONDS=2", slow.Error, StringComparison.Ordinal);
        Assert.Empty(cluster.List("batch/v1", "Job"));
    }

    [Fact]
    public async Task CancellingDeletesTheJobsItCreated()
    {
        using var project = new ScriptedProject(p => p.WithBatchStage("a").WithBatchStage("b").WithDag("a, b"));
        await using var cluster = await FakeCluster.StartAsync(KubeletMode.Succeed);
        cluster.Server.Pods.Script(PodMatch.Any, PodOutcome.RunForever());
        using var context = new RecordingContext();
        var started = 0;
        context.OnEventHook = (e, c) =>
        {
            if (e.Kind == WorkflowEventKind.StageAttemptStarted && Interlocked.Increment(ref started) == 2)
            {
                c.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cluster.RunAsync(project.Repo.Path, "main", context));

        Assert.Equal(2, cluster.Server.Counters.Count("create", "jobs"));
        Assert.Empty(cluster.List("batch/v1", "Job"));
        Assert.Contains(context.Events, e => e.Kind == WorkflowEventKind.WorkflowCancelled);
    }

    [Fact]
    public async Task ServerErrorsThrottlingAndDroppedWatchesDoNotChangeTheOutcome()
    {
        using var project = new ScriptedProject(p => p.WithBatchStage("a").WithBatchStage("b").WithBatchStage("c").WithDag("a >> b >> c"));
        await using var cluster = await FakeCluster.StartAsync(KubeletMode.Succeed);
        cluster.Server.Pods.Script(PodMatch.Any, PodOutcome.Succeed(TimeSpan.FromMilliseconds(300), "done\n"));
        cluster.Server.Faults.FailNext(2, 503, verb: "get");
        cluster.Server.Faults.FailNext(1, 502, verb: "watch");
        cluster.Server.Faults.FailNext(2, 429, retryAfterSeconds: 1, verb: "list");
        cluster.Server.Faults.FailNext(1, 503, verb: "delete", resource: "jobs");
        using var context = new RecordingContext();
        var dropped = 0;
        context.OnEventHook = (e, _) =>
        {
            if (e.Kind == WorkflowEventKind.StageAttemptStarted && Interlocked.Exchange(ref dropped, 1) == 0)
            {
                cluster.Server.Faults.DropWatches();
            }
        };

        var run = await cluster.RunAsync(project.Repo.Path, "main", context);

        Assert.NotNull(run);
        Assert.True(run.Status == WorkflowStatus.Succeeded, run.Error);
        Assert.Equal(1, dropped);
        Assert.All(run.Steps.SelectMany(s => s.Stages), s => Assert.Equal(1, s.Attempts));
        Assert.Empty(cluster.List("batch/v1", "Job"));
    }
}
