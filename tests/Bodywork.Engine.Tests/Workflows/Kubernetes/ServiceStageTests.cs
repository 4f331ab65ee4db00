using System.Text.Json.Nodes;
using Bodywork.Models.Workflows;
using FakeKubernetes;
using Xunit;

namespace Bodywork.Engine.Tests.Workflows.Kubernetes;

/// <summary>Service stages as Deployments: converge on re-runs, roll back (or delete when first-ever) when the new pods never get ready.</summary>
[Collection(E2eGroup.Name)]
public sealed class ServiceStageTests
{
    private const string Deployment = "scripted--serve";

    [Fact]
    public async Task SecondRunOfTheSameCommitConvergesWithoutARestart()
    {
        using var project = new ScriptedProject(p => p.WithServiceStage("serve", port: 8080));
        await using var cluster = await FakeCluster.StartAsync(KubeletMode.Succeed);
        using var first = new RecordingContext();
        var run1 = await cluster.RunAsync(project.Repo.Path, "main", first);
        Assert.Equal(WorkflowStatus.Succeeded, run1!.Status);
        var before = cluster.Server.Store.Get("apps/v1", "Deployment", FakeCluster.Namespace, Deployment)!;
        var podsBefore = PodNames(cluster);

        using var second = new RecordingContext();
        var run2 = await cluster.RunAsync(project.Repo.Path, "main", second);

        Assert.Equal(WorkflowStatus.Succeeded, run2!.Status);
        var after = cluster.Server.Store.Get("apps/v1", "Deployment", FakeCluster.Namespace, Deployment)!;
        Assert.Equal((long)before["metadata"]!["generation"]!, (long)after["metadata"]!["generation"]!);
        Assert.Single(cluster.List("apps/v1", "ReplicaSet"));
        Assert.Equal(podsBefore, PodNames(cluster));
        Assert.Single(cluster.List("v1", "Service"));
        Assert.Equal(run1.Steps[0].Stages[0].ServiceUrl, run2.Steps[0].Stages[0].ServiceUrl);
    }

    [Fact]
    public async Task NewRevisionThatNeverGetsReadyIsRolledBackToThePreviousOne()
    {
        using var project = new ScriptedProject(p => p.WithServiceStage("serve", port: 8080, maxStartupTimeSeconds: 3));
        await using var cluster = await FakeCluster.StartAsync(KubeletMode.Succeed);
        var good = project.Repo.Git("rev-parse", "HEAD").Trim();
        using (var first = new RecordingContext())
        {
            Assert.Equal(WorkflowStatus.Succeeded, (await cluster.RunAsync(project.Repo.Path, "main", first))!.Status);
        }

        project.Repo.WriteFile("serve/main.py", "print('broken')\n");
        var bad = project.Repo.Commit("break the service");
        cluster.Server.Pods.Script(PodMatch.Label("bodywork.ml/git-commit", bad), PodOutcome.NeverReady("not listening\n"));
        using var context = new RecordingContext();

        var run = await cluster.RunAsync(project.Repo.Path, "main", context);

        Assert.Equal(WorkflowStatus.Failed, run!.Status);
        var serve = run.Steps[0].Stages[0];
        Assert.Equal(StageRunStatus.TimedOut, serve.Status);
        Assert.Contains("rolled back to revision 1", serve.Error, StringComparison.Ordinal);
        var deployment = cluster.Server.Store.Get("apps/v1", "Deployment", FakeCluster.Namespace, Deployment)!;
        Assert.Equal(good, CommitOf(deployment));
        await cluster.Server.Store.WaitForAsync("apps/v1", "Deployment", FakeCluster.Namespace, Deployment,
            d => (long?)d["status"]?["availableReplicas"] == 1 && (long?)d["status"]?["updatedReplicas"] == 1, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task FirstEverDeploymentThatNeverGetsReadyIsDeleted()
    {
        using var project = new ScriptedProject(p => p.WithServiceStage("serve", port: 8080, maxStartupTimeSeconds: 2));
        await using var cluster = await FakeCluster.StartAsync(KubeletMode.Succeed);
        cluster.Server.Pods.Script(PodMatch.Any, PodOutcome.NeverReady());
        using var context = new RecordingContext();

        var run = await cluster.RunAsync(project.Repo.Path, "main", context);

        Assert.Equal(WorkflowStatus.Failed, run!.Status);
        Assert.Contains("deleted the deployment", run.Steps[0].Stages[0].Error, StringComparison.Ordinal);
        Assert.Empty(cluster.List("apps/v1", "Deployment"));
        Assert.Empty(cluster.List("v1", "Service"));
    }

    private static string? CommitOf(JsonObject deployment) =>
        (deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["env"] as JsonArray)!
            .First(e => (string?)e!["name"] == "BODYWORK_GIT_COMMIT")!["value"]!.GetValue<string>();

    private static List<string> PodNames(FakeCluster cluster) =>
        [.. cluster.List("v1", "Pod").Select(p => (string)p["metadata"]!["name"]!).Order(StringComparer.Ordinal)];
}
