using Bodywork.Engine.Manifests;
using Bodywork.Engine.Projects;
using Bodywork.Engine.Tests.Support;
using FakeKubernetes;
using Xunit;

namespace Bodywork.Engine.Tests.Workflows.Kubernetes;

/// <summary>
/// Every kind of object the engine builds — namespace set-up, secrets, CronJobs, and the workflow's Jobs,
/// Deployments and Services — is sent to the fake, which rejects anything not strictly valid for v1.25.
/// </summary>
[Collection(E2eGroup.Name)]
public sealed class EveryManifestKindTests
{
    [Fact]
    public async Task TheFakeAcceptsEveryObjectTheEngineBuilds()
    {
        await using var cluster = await FakeCluster.StartAsync(KubeletMode.Succeed, setUp: false);
        var api = cluster.Connection.Api;
        const string ns = "every-kind";
        using var builder = new ProjectBuilder().WithProjectName("p")
            .WithBatchStage("train", retries: 1, secrets: "API_KEY=credentials")
            .WithServiceStage("serve", port: 8000, replicas: 2);
        var project = BodyworkProjects.Load(builder.Build());
        var source = new StageSource(ns, "https://git.example.com/ml/p.git", "main", "0123456789abcdef0123456789abcdef01234567", project.Image);

        await api.Namespaces.ApplyAsync(NamespaceRbacManifests.Namespace(ns));
        await api.ServiceAccounts.ApplyAsync(ns, NamespaceRbacManifests.WorkflowControllerAccount(ns));
        await api.ServiceAccounts.ApplyAsync(ns, NamespaceRbacManifests.StageAccount(ns));
        await api.Roles.ApplyAsync(ns, NamespaceRbacManifests.WorkflowControllerRole(ns));
        await api.Roles.ApplyAsync(ns, NamespaceRbacManifests.StageRole(ns));
        await api.RoleBindings.ApplyAsync(ns, NamespaceRbacManifests.WorkflowControllerRoleBinding(ns));
        await api.RoleBindings.ApplyAsync(ns, NamespaceRbacManifests.StageRoleBinding(ns));
        await api.ClusterRoles.ApplyAsync(NamespaceRbacManifests.WorkflowControllerClusterRoleObject());
        await api.ClusterRoleBindings.ApplyAsync(NamespaceRbacManifests.WorkflowControllerClusterRoleBinding(ns));
        await api.Secrets.ApplyAsync(ns, SecretManifests.Secret(ns, "credentials", new Dictionary<string, string> { ["API_KEY"] = "k" }));
        await api.CronJobs.ApplyAsync(ns, CronJobManifests.CronJob(new CronJobRequest(ns, "nightly", "0 2 * * *", source.RepoUrl, "main")));
        await api.Jobs.CreateAsync(ns, JobManifest.Build(project.GetStage("train"), project.Path, source));
        await api.Deployments.ApplyAsync(ns, DeploymentManifest.Build(project.GetStage("serve"), project.Path, source));
        await api.Services.ApplyAsync(ns, ServiceManifest.Build(project.GetStage("serve"), source));

        Assert.Equal(14, cluster.Server.Counters.Writes);
        Assert.NotNull(cluster.Server.Store.Get("batch/v1", "Job", ns, "p--train"));
        Assert.NotNull(cluster.Server.Store.Get("apps/v1", "Deployment", ns, "p--serve"));
        Assert.NotNull(cluster.Server.Store.Get("v1", "Service", ns, "p--serve"));
        Assert.NotNull(cluster.Server.Store.Get("batch/v1", "CronJob", ns, "nightly"));
    }
}
