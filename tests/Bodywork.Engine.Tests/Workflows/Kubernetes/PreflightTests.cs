using Bodywork.Models.Errors;
using FakeKubernetes;
using Xunit;

namespace Bodywork.Engine.Tests.Workflows.Kubernetes;

/// <summary>Whatever is wrong before the first stage runs, nothing is written to the cluster.</summary>
[Collection(E2eGroup.Name)]
public sealed class PreflightTests
{
    [Fact]
    public async Task InvalidProjectWritesNothing()
    {
        using var project = new ScriptedProject(p => p.WithBatchStage("train").WithFile("train/config.ini", "[default]\nSTAGE_TYPE=batch\n"));
        await using var cluster = await FakeCluster.StartAsync(KubeletMode.Succeed);
        using var context = new RecordingContext();

        var error = await Assert.ThrowsAsync<BodyworkProjectInvalidException>(() => cluster.RunAsync(project.Repo.Path, "main", context));

        Assert.Contains("train/config.ini", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, cluster.Server.Counters.Total);
    }

    [Fact]
    public async Task BranchThatLooksLikeShellIsJustAMissingBranch()
    {
        using var project = new ScriptedProject(p => p.WithBatchStage("train"));
        await using var cluster = await FakeCluster.StartAsync(KubeletMode.Succeed);
        var marker = Path.Combine(project.Repo.Path, "pwned");
        using var context = new RecordingContext();

        var error = await Assert.ThrowsAsync<BodyworkException>(() => cluster.RunAsync(project.Repo.Path, $"main; touch {marker}", context));

        Assert.Equal(BodyworkErrorIds.GitRepoUnavailable, error.ErrorId);
        Assert.Equal(BodyworkErrorCategory.ObjectNotFound, error.Category);
        Assert.False(File.Exists(marker));
        Assert.Equal(0, cluster.Server.Counters.Total);
    }

    [Fact]
    public async Task NamespaceNotSetUpWritesNothing()
    {
        using var project = new ScriptedProject(p => p.WithBatchStage("train"));
        await using var cluster = await FakeCluster.StartAsync(KubeletMode.Succeed, setUp: false);
        using var context = new RecordingContext();

        var error = await Assert.ThrowsAsync<BodyworkException>(() => cluster.RunAsync(project.Repo.Path, "main", context));

        Assert.Equal(BodyworkErrorIds.NamespaceNotInitialized, error.ErrorId);
        Assert.Contains("service-account=bodywork-jobs-and-deployments is missing", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, cluster.Server.Counters.Writes);
    }

    [Fact]
    public async Task MissingSecretKeyWritesNothing()
    {
        using var project = new ScriptedProject(p => p.WithBatchStage("train", secrets: "API_KEY=credentials"));
        await using var cluster = await FakeCluster.StartAsync(KubeletMode.Succeed);
        using var context = new RecordingContext();

        var error = await Assert.ThrowsAsync<BodyworkException>(() => cluster.RunAsync(project.Repo.Path, "main", context));

        Assert.Equal(BodyworkErrorIds.SecretNotFound, error.ErrorId);
        Assert.Contains("cannot find key=API_KEY in secret=credentials", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, cluster.Server.Counters.Writes);
    }

    [Fact]
    public async Task WhatIfShowsEveryObjectAndWritesNothing()
    {
        using var project = new ScriptedProject(p => p.WithBatchStage("train").WithServiceStage("serve"));
        await using var cluster = await FakeCluster.StartAsync(KubeletMode.Succeed);
        using var context = new RecordingContext(shouldProcess: false);

        var run = await cluster.RunAsync(project.Repo.Path, "main", context);

        Assert.Null(run);
        Assert.Equal(["job/scripted--train", "deployment/scripted--serve", "service/scripted--serve"],
            context.Asked.Select(a => a.Target.Split(' ')[0]));
        Assert.All(context.Asked, a => Assert.Contains("\"apiVersion\"", a.Action, StringComparison.Ordinal));
        Assert.Equal(0, cluster.Server.Counters.Writes);
    }
}
