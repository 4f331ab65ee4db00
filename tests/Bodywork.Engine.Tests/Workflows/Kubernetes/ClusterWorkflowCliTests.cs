using System.Text.RegularExpressions;
using Bodywork.Cli;
using FakeKubernetes;
using Xunit;

namespace Bodywork.Engine.Tests.Workflows.Kubernetes;

/// <summary><c>bodywork workflow --namespace NS GIT_URL GIT_BRANCH</c>: the original's log lines and exit codes.</summary>
[Collection(E2eGroup.Name)]
public sealed class ClusterWorkflowCliTests
{
    [Fact]
    public async Task SucceedingWorkflowPrintsTheOriginalsLogLinesAndExitsZero()
    {
        using var project = new ScriptedProject(p => p.WithBatchStage("train"));
        await using var cluster = await FakeCluster.StartAsync(KubeletMode.Succeed);
        cluster.Server.Pods.Script(PodMatch.Any, PodOutcome.Succeed(log: "trained\n"));

        var (exit, stdout, stderr) = await RunCliAsync(cluster, project.Repo.Path, "main");

        Assert.True(exit == 0, stdout + stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(new Regex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} - INFO - workflow\.run_workflow - attempting to run workflow for project=.* on branch=main in kubernetes namespace=bodywork-e2e$"), lines[0]);
        Assert.Contains(lines, l => l.EndsWith("- INFO - stage.run_stage - [train] trained", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith($"successfully ran workflow for project={project.Repo.Path} on branch=main in kubernetes namespace=bodywork-e2e", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailingWorkflowExitsOne()
    {
        using var project = new ScriptedProject(p => p.WithBatchStage("train", retries: 0));
        await using var cluster = await FakeCluster.StartAsync(KubeletMode.Succeed);
        cluster.Server.Pods.Script(PodMatch.Any, PodOutcome.AlwaysFail(exitCode: 2, log: "bad data\n"));

        var (exit, stdout, _) = await RunCliAsync(cluster, project.Repo.Path, "main");

        Assert.Equal(1, exit);
        Assert.Contains("- ERROR - workflow.run_workflow - failed to execute workflow for main branch", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InterruptExits130AndLeavesNoJobs()
    {
        using var project = new ScriptedProject(p => p.WithBatchStage("train"));
        await using var cluster = await FakeCluster.StartAsync(KubeletMode.Succeed);
        cluster.Server.Pods.Script(PodMatch.Any, PodOutcome.RunForever());
        using var interrupt = new CancellationTokenSource();
        var running = RunCliAsync(cluster, project.Repo.Path, "main", interrupt.Token);
        await cluster.Server.Store.WaitUntilAsync(s => s.List("v1", "Pod", FakeCluster.Namespace).Count == 1, TimeSpan.FromSeconds(60), "the stage pod");

        await interrupt.CancelAsync();
        var (exit, _, _) = await running;

        Assert.Equal(130, exit);
        Assert.Empty(cluster.List("batch/v1", "Job"));
    }

    [Fact]
    public async Task NamespaceAndLocalTogetherIsAUsageError()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CliApp.RunAsync(["workflow", "--namespace", "ns", "--local", "repo", "main"], stdout, stderr, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("not allowed with argument --namespace", stderr.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunCliAsync(FakeCluster cluster, string repo, string branch,
        CancellationToken cancellationToken = default)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(
            ["workflow", "--namespace", FakeCluster.Namespace, "--kubeconfig", cluster.KubeConfigPath, repo, branch],
            TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr), cancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
