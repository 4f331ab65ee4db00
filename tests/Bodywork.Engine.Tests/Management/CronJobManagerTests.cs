using Bodywork.Engine.Management;
using Bodywork.Engine.Manifests;
using Bodywork.Engine.Tests.Support;
using Bodywork.Models.Errors;
using Bodywork.Models.Management;
using FakeKubernetes;
using Xunit;
using static Bodywork.Engine.Tests.Management.ManagementTestCluster;

namespace Bodywork.Engine.Tests.Management;

/// <summary>New-/Get-/Remove-BodyworkCronJob, history and logs against the fake API server.</summary>
public sealed class CronJobManagerTests
{
    private static CronJobRequest Request(string name = "nightly", string schedule = "0 2 * * *", string? image = null) =>
        new(Namespace, name, schedule, "https://github.com/example/iris", "main", 3, 4, image);

    [Fact]
    public async Task Create_builds_a_batch_v1_CronJob_running_the_workflow_controller()
    {
        await using var cluster = await StartSetUpAsync();
        var created = await new CronJobManager(cluster.Api).CreateAsync(Request(), false, new RecordingContext());

        Assert.Equal(("nightly", "0 2 * * *", "https://github.com/example/iris", "main"), (created!.Name, created.Schedule, created.GitRepoUrl, created.Branch));
        Assert.Equal((3, 4), (created.Retry, created.HistoryLimit));
        Assert.Equal(CronJobManifests.DefaultControllerImage, created.Image);
        Assert.StartsWith("ghcr.io/bodywork-ml/bodywork-powershell-controller:", created.Image, StringComparison.Ordinal);

        var stored = cluster.Server.Store.Get("batch/v1", "CronJob", Namespace, "nightly")!;
        var pod = stored["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!;
        Assert.Equal("bodywork-workflow-controller", pod["serviceAccountName"]!.GetValue<string>());
        Assert.Equal("Never", pod["restartPolicy"]!.GetValue<string>());
        var container = pod["containers"]![0]!;
        Assert.Equal(["bodywork"], container["command"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(["workflow", "--namespace", "ml", "https://github.com/example/iris", "main"], container["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(3, stored["spec"]!["jobTemplate"]!["spec"]!["backoffLimit"]!.GetValue<int>());
        Assert.Equal(4, stored["spec"]!["failedJobsHistoryLimit"]!.GetValue<int>());
        Assert.Empty(FakeApiServer.Validate(stored));
    }

    [Fact]
    public async Task Create_refuses_a_namespace_that_is_not_set_up_and_writes_nothing()
    {
        await using var cluster = await StartAsync();
        cluster.Server.Counters.Reset();
        var e = await ThrowsIdAsync(BodyworkErrorIds.NamespaceNotInitialized,
            () => new CronJobManager(cluster.Api).CreateAsync(Request(), false, new RecordingContext()));
        Assert.Contains("is not setup for use by Bodywork", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, cluster.Server.Counters.Writes);
    }

    [Fact]
    public async Task An_invalid_schedule_fails_before_any_request()
    {
        await using var cluster = await StartSetUpAsync();
        var e = await ThrowsIdAsync(BodyworkErrorIds.CronScheduleInvalid,
            () => new CronJobManager(cluster.Api).CreateAsync(Request(schedule: "60 * * * *"), false, new RecordingContext()));
        Assert.Equal("schedule=60 * * * * is not a valid cron schedule: minute field '60' is out of range 0-59", e.Message);
        Assert.Equal(0, cluster.Server.Counters.Total);
    }

    [Fact]
    public async Task Create_twice_fails_with_AlreadyExists_unless_forced_and_WhatIf_writes_nothing()
    {
        await using var cluster = await StartSetUpAsync();
        var manager = new CronJobManager(cluster.Api);
        Assert.Null(await manager.CreateAsync(Request(), false, new RecordingContext { Approve = false }));
        Assert.Equal(0, cluster.Server.Counters.Writes);

        await manager.CreateAsync(Request(), false, new RecordingContext());
        await ThrowsIdAsync(BodyworkErrorIds.CronJobAlreadyExists, () => manager.CreateAsync(Request(), false, new RecordingContext()));
        var forced = await manager.CreateAsync(Request(schedule: "@hourly", image: "registry.example/ctl:1"), true, new RecordingContext());
        Assert.Equal(("@hourly", "registry.example/ctl:1"), (forced!.Schedule, forced.Image));
    }

    [Fact]
    public async Task Get_remove_and_not_found()
    {
        await using var cluster = await StartSetUpAsync();
        var manager = new CronJobManager(cluster.Api);
        await manager.CreateAsync(Request(), false, new RecordingContext());
        await manager.CreateAsync(Request("weekly", "@weekly"), false, new RecordingContext());

        Assert.Equal(["nightly", "weekly"], (await manager.ListAsync(Namespace, null)).Select(c => c.Name));
        Assert.Equal(["weekly"], (await manager.ListAsync(Namespace, NamePattern.Parse("w*"))).Select(c => c.Name));
        await ThrowsIdAsync(BodyworkErrorIds.CronJobNotFound, () => manager.GetAsync(Namespace, "hourly"));

        cluster.Server.Counters.Reset();
        Assert.Null(await manager.RemoveAsync(Namespace, "weekly", new RecordingContext { Approve = false }));
        Assert.Equal(0, cluster.Server.Counters.Writes);
        Assert.Equal("weekly", (await manager.RemoveAsync(Namespace, "weekly", new RecordingContext()))!.Name);
        Assert.Null(cluster.Server.Store.Get("batch/v1", "CronJob", Namespace, "weekly"));
        await ThrowsIdAsync(BodyworkErrorIds.CronJobNotFound, () => manager.RemoveAsync(Namespace, "weekly", new RecordingContext()));
    }

    [Fact]
    public async Task History_lists_the_runs_the_CronJob_owns_and_logs_read_a_run_or_the_newest_run()
    {
        await using var cluster = await StartSetUpAsync();
        var manager = new CronJobManager(cluster.Api);
        await manager.CreateAsync(Request(), false, new RecordingContext());
        cluster.Server.Pods.Script(PodMatch.Label("batch.kubernetes.io/job-name", "nightly-1"), PodOutcome.Succeed(TimeSpan.Zero, "workflow started\nworkflow done\n"));
        cluster.Server.TriggerCronJob(Namespace, "nightly", "nightly-1");
        await cluster.Server.Store.WaitForAsync("batch/v1", "Job", Namespace, "nightly-1",
            j => j["status"]?["succeeded"]?.GetValue<int>() == 1, TimeSpan.FromSeconds(60));

        var runs = await manager.HistoryAsync(Namespace, "nightly");
        var run = Assert.Single(runs);
        Assert.Equal(("nightly-1", "nightly", CronJobRunStatus.Succeeded), (run.Name, run.CronJobName, run.Status));
        Assert.True(run.Manual);
        Assert.NotNull(run.StartTime);
        Assert.NotNull(run.Duration);

        var reader = new CronJobLogReader(cluster.Api);
        Assert.Equal(["workflow started", "workflow done"], await reader.ReadAsync(Namespace, "nightly-1", follow: false).ToListAsync());
        Assert.Equal(["workflow started", "workflow done"], await reader.ReadAsync(Namespace, "nightly", follow: false).ToListAsync());
        Assert.Equal(["workflow started", "workflow done"], await reader.ReadAsync(Namespace, "nightly-1", follow: true).ToListAsync());
        var e = await ThrowsIdAsync(BodyworkErrorIds.CronJobRunNotFound, async () => await reader.ReadAsync(Namespace, "nope", false).ToListAsync());
        Assert.Equal("cannot find pod for workflow-job=nope", e.Message);
        await ThrowsIdAsync(BodyworkErrorIds.CronJobNotFound, () => manager.HistoryAsync(Namespace, "nope"));
    }

    [Fact]
    public async Task Forbidden_and_unreachable_fail_with_their_ids()
    {
        await using var cluster = await StartSetUpAsync();
        Forbid(cluster.Server, "create", "cronjobs");
        await ThrowsIdAsync(BodyworkErrorIds.Forbidden, () => new CronJobManager(cluster.Api).CreateAsync(Request(), false, new RecordingContext()));
        using var gone = Unreachable();
        await ThrowsIdAsync(BodyworkErrorIds.ClusterUnreachable, () => new CronJobManager(gone.Api).ListAsync(Namespace, null));
    }
}
