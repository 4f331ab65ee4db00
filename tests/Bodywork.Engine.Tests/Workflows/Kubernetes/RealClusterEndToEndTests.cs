using Bodywork.Engine.Kubernetes;
using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Config;
using Bodywork.Engine.Management;
using Bodywork.Engine.Manifests;
using Bodywork.Engine.Workflows.Kubernetes;
using Bodywork.Models.Errors;
using Bodywork.Models.Operations;
using Bodywork.Models.Workflows;
using Xunit;

namespace Bodywork.Engine.Tests.Workflows.Kubernetes;

/// <summary>The end-to-end behaviours again, on a real cluster (see <see cref="RealClusterFactAttribute"/>).</summary>
[Collection(E2eGroup.Name)]
public sealed class RealClusterEndToEndTests
{
    [RealClusterFact]
    public async Task ExampleProjectRunsAndASecondRunConverges()
    {
        using var connection = await ConnectAsync();
        using var first = new RecordingContext();
        var run = await RunAsync(connection, RealCluster.Branch, first);

        Assert.True(run!.Status == WorkflowStatus.Succeeded, run.Error);
        Assert.Contains(first.StageLog("prepare-data"), l => l.StartsWith("prepared ", StringComparison.Ordinal));
        Assert.Single(run.ServiceUrls);
        Assert.Empty((await connection.Api.Jobs.ListAsync(RealCluster.Namespace, Selector())).Items);
        var before = await connection.Api.Deployments.GetAsync(RealCluster.Namespace, "iris-pipeline--scoring-service");
        Assert.NotNull(await connection.Api.Services.GetAsync(RealCluster.Namespace, "iris-pipeline--scoring-service"));

        using var second = new RecordingContext();
        var again = await RunAsync(connection, RealCluster.Branch, second);

        Assert.Equal(WorkflowStatus.Succeeded, again!.Status);
        var after = await connection.Api.Deployments.GetAsync(RealCluster.Namespace, "iris-pipeline--scoring-service");
        Assert.Equal(before!.Metadata.Generation, after!.Metadata.Generation);
    }

    [RealClusterFact]
    public async Task MissingBranchCreatesNothing()
    {
        using var connection = await ConnectAsync();
        var jobsBefore = (await connection.Api.Jobs.ListAsync(RealCluster.Namespace, Selector())).Items.Count;
        using var context = new RecordingContext();

        var error = await Assert.ThrowsAsync<BodyworkException>(() => RunAsync(connection, "main; rm -rf /", context));

        Assert.Equal(BodyworkErrorIds.GitRepoUnavailable, error.ErrorId);
        Assert.Equal(jobsBefore, (await connection.Api.Jobs.ListAsync(RealCluster.Namespace, Selector())).Items.Count);
    }

    private static ListOptions Selector() => new() { LabelSelector = BodyworkLabels.ManagedSelector };

    private static async Task<KubernetesConnection> ConnectAsync()
    {
        var connection = KubernetesClientFactory.Create(new KubernetesConnectionOptions(RealCluster.KubeConfig));
        await new NamespaceManager(connection.Api).SetUpAsync(RealCluster.Namespace, new NullOperationContext());
        return connection;
    }

    private static Task<WorkflowRun?> RunAsync(KubernetesConnection connection, string branch, RecordingContext context) =>
        new KubernetesWorkflowService(connection.Api).RunAsync(
            new KubernetesWorkflowRequest { Namespace = RealCluster.Namespace, GitRepoUrl = RealCluster.GitUrl!, Branch = branch }, context, context);
}
