using Bodywork.Models.Projects;
using Bodywork.Models.Workflows;

using Xunit;
using Xunit.Abstractions;

namespace Bodywork.Engine.Tests.Workflows.Kubernetes;

/// <summary>The example project runs for real: each stage's pod runs the generated script, which clones the repo and runs Python.</summary>
[Collection(E2eGroup.Name)]
public sealed class IrisPipelineEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ExampleProjectRunsEveryStageAndExposesTheService()
    {
        using var repo = TestGitRepo.FromFolder(TestGitRepo.ExampleProject("iris-pipeline"));
        var port = E2eGroup.FreePort();
        repo.WriteFile("scoring-service/config.ini", repo.ReadFile("scoring-service/config.ini").Replace("PORT=5000", $"PORT={port}", StringComparison.Ordinal));
        var commit = repo.Commit("use a free port");
        await using var cluster = await FakeCluster.StartAsync();
        using var context = new RecordingContext();

        var run = await cluster.RunAsync(repo.Path, "main", context);
        foreach (var e in context.Events)
        {
            output.WriteLine($"{e.Time:HH:mm:ss.fff} {e.Kind} {e.Stage} {e.Message}");
        }

        Assert.NotNull(run);
        Assert.True(run.Status == WorkflowStatus.Succeeded, run.Error + "\n" + string.Join("\n", context.Events.Select(e => e.Message)));
        Assert.Equal(commit, run.Commit);
        Assert.Equal(["prepare-data", "train-a", "train-b", "choose-model", "scoring-service"],
            run.Steps.SelectMany(s => s.Stages).Select(s => s.Stage));
        Assert.All(run.Steps.SelectMany(s => s.Stages), s => Assert.Equal(StageRunStatus.Succeeded, s.Status));
        Assert.Contains(context.StageLog("prepare-data"), l => l.StartsWith("prepared ", StringComparison.Ordinal));
        Assert.Contains(context.StageLog("train-a"), l => l.StartsWith("nearest-centroid test accuracy:", StringComparison.Ordinal));
        Assert.Contains(context.StageLog("choose-model"), l => l.StartsWith("chose ", StringComparison.Ordinal));

        var service = Assert.Single(run.Steps[^1].Stages);
        Assert.Equal(StageKind.Service, service.Kind);
        Assert.Equal($"http://iris-pipeline--scoring-service.{FakeCluster.Namespace}.svc.cluster.local:{port}", service.ServiceUrl);
        var exposed = Assert.Single(cluster.List("v1", "Service"));
        Assert.Equal(port, (int)exposed["spec"]!["ports"]![0]!["port"]!);
        Assert.Empty(cluster.List("batch/v1", "Job"));
        Assert.Single(cluster.List("apps/v1", "Deployment"));

        // The service pod is a real process serving the trained model.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Assert.Contains("\"ok\"", await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/healthz")), StringComparison.Ordinal);
    }
}
