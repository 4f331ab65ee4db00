using System.Threading.Channels;
using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Engine.Kubernetes.Watch;
using Bodywork.Engine.Tests.Kubernetes.Client;
using FakeKubernetes;
using Xunit;

namespace Bodywork.Engine.Tests.Kubernetes.Watch;

public class FakeServerWatchTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    /// <summary>Consumes the watch in the background, so it keeps its stream open while the test acts.</summary>
    private static ChannelReader<WatchEvent<Secret>> Pump(IAsyncEnumerable<WatchEvent<Secret>> events, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<WatchEvent<Secret>>();
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in events.WithCancellation(cancellationToken))
                {
                    await channel.Writer.WriteAsync(e, cancellationToken);
                }
            }
            catch (Exception ex)
            {
                channel.Writer.TryComplete(ex);
            }
        }, cancellationToken);
        return channel.Reader;
    }

    private static async Task<WatchEvent<Secret>> NextMatching(ChannelReader<WatchEvent<Secret>> events, Func<WatchEvent<Secret>, bool> match,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            var e = await events.ReadAsync(cancellationToken);
            if (match(e))
            {
                return e;
            }
        }
    }

    private static Secret Secret(string name) => new() { Metadata = new ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["w"] = "1" } } };

    [Fact]
    public async Task Watch_survives_expiry_and_dropped_streams_without_losing_objects()
    {
        await using var cluster = await FakeCluster.StartAsync();
        using var cts = new CancellationTokenSource(Generous);
        await cluster.Api.Secrets.ApplyAsync("ml", Secret("a"), cancellationToken: cts.Token);
        var events = Pump(cluster.Api.Secrets.WatchAsync("ml", new WatchOptions { LabelSelector = "w=1" }, cts.Token), cts.Token);

        Assert.Equal("a", (await NextMatching(events, e => e.Type == WatchEventType.Added, cts.Token)).Resource.Metadata.Name);
        await cluster.Server.Store.WaitUntilAsync(_ => cluster.Server.Faults.OpenWatches > 0, Generous, "watch open");

        cluster.Server.Faults.ExpireWatches();
        await cluster.Api.Secrets.ApplyAsync("ml", Secret("b"), cancellationToken: cts.Token);
        Assert.Equal("b", (await NextMatching(events, e => e.Resource.Metadata.Name == "b", cts.Token)).Resource.Metadata.Name);
        Assert.True(cluster.Server.Counters.Count("list", "secrets") >= 2, "expected a re-list after expiry");

        await cluster.Server.Store.WaitUntilAsync(_ => cluster.Server.Faults.OpenWatches > 0, Generous, "watch reopened");
        cluster.Server.Faults.DropWatches();
        await cluster.Api.Secrets.DeleteAsync("ml", "a", cancellationToken: cts.Token);
        var deleted = await NextMatching(events, e => e.Type == WatchEventType.Deleted, cts.Token);
        Assert.Equal("a", deleted.Resource.Metadata.Name);
    }

    [Fact]
    public async Task A_silently_stalled_watch_is_detected_and_resumed()
    {
        await using var cluster = await FakeCluster.StartAsync(clientOptions: StubHandler.FastOptions with { WatchInactivityTimeout = TimeSpan.FromMilliseconds(500) });
        using var cts = new CancellationTokenSource(Generous);
        var events = Pump(cluster.Api.Secrets.WatchAsync("ml", new WatchOptions { LabelSelector = "w=1" }, cts.Token), cts.Token);
        await cluster.Server.Store.WaitUntilAsync(_ => cluster.Server.Faults.OpenWatches > 0, Generous, "watch open");
        var watchesBefore = cluster.Server.Counters.Count("watch", "secrets");

        cluster.Server.Faults.StallWatches = true;
        await cluster.Api.Secrets.ApplyAsync("ml", Secret("late"), cancellationToken: cts.Token);
        await cluster.Server.Store.WaitUntilAsync(_ => cluster.Server.Counters.Count("watch", "secrets") > watchesBefore, Generous, "a new watch");
        cluster.Server.Faults.StallWatches = false;

        var e = await NextMatching(events, e => e.Resource.Metadata.Name == "late", cts.Token);
        Assert.Equal(WatchEventType.Added, e.Type);
    }

    [Fact]
    public async Task Job_waits_report_success_and_failure_with_reason()
    {
        await using var cluster = await FakeCluster.StartAsync();
        cluster.Server.Pods.Script(PodMatch.Label("app", "bad"), PodOutcome.AlwaysFail(exitCode: 3));

        await cluster.Api.Jobs.ApplyAsync("ml", FakeCluster.Job("good"));
        await cluster.Api.Jobs.ApplyAsync("ml", FakeCluster.Job("bad"));
        var good = await JobCompletion.WaitAsync(cluster.Api.Jobs, "ml", "good", Generous);
        var bad = await JobCompletion.WaitAsync(cluster.Api.Jobs, "ml", "bad", Generous);

        Assert.Equal(JobOutcomeKind.Succeeded, good.Kind);
        Assert.Equal(JobOutcomeKind.Failed, bad.Kind);
        Assert.Equal("BackoffLimitExceeded", bad.Reason);
        var pods = await cluster.Api.Jobs.ListPodsAsync("ml", "bad");
        Assert.Equal(3, Assert.Single(pods).Status!.ContainerStatuses![0].State!.Terminated!.ExitCode);
    }

    [Fact]
    public async Task Rollout_waits_report_success_and_progress_deadline()
    {
        await using var cluster = await FakeCluster.StartAsync();
        cluster.Server.Pods.Script(PodMatch.Label("app", "stuck"), PodOutcome.NeverReady());

        await cluster.Api.Deployments.ApplyAsync("ml", FakeCluster.Deployment("web", "img:1"));
        await cluster.Api.Deployments.ApplyAsync("ml", FakeCluster.Deployment("stuck", "img:1", progressDeadlineSeconds: 1));
        var web = await RolloutStatus.WaitAsync(cluster.Api.Deployments, "ml", "web", Generous);
        var stuck = await RolloutStatus.WaitAsync(cluster.Api.Deployments, "ml", "stuck", Generous);

        Assert.Equal(RolloutOutcomeKind.Succeeded, web.Kind);
        Assert.Equal(RolloutOutcomeKind.ProgressDeadlineExceeded, stuck.Kind);
    }

    [Fact]
    public async Task Rollback_restores_the_previous_template()
    {
        await using var cluster = await FakeCluster.StartAsync();
        await cluster.Api.Deployments.ApplyAsync("ml", FakeCluster.Deployment("web", "img:1"));
        Assert.True((await RolloutStatus.WaitAsync(cluster.Api.Deployments, "ml", "web", Generous)).IsSuccess);
        await cluster.Api.Deployments.ApplyAsync("ml", FakeCluster.Deployment("web", "img:2"));
        Assert.True((await RolloutStatus.WaitAsync(cluster.Api.Deployments, "ml", "web", Generous)).IsSuccess);

        var result = await cluster.Api.Deployments.RollbackAsync("ml", "web");

        Assert.True(result.RolledBack);
        Assert.Equal(1, result.Revision);
        var after = await cluster.Api.Deployments.GetAsync("ml", "web");
        Assert.Equal("img:1", after!.Spec!.Template.Spec!.Containers[0].Image);
        Assert.False(after.Spec.Template.Metadata!.Labels!.ContainsKey("pod-template-hash"));
    }
}
