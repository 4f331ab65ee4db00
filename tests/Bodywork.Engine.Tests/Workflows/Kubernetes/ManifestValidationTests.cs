using System.Text.Json;
using System.Text.Json.Nodes;
using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Engine.Manifests;
using Bodywork.Engine.Projects;
using Bodywork.Engine.Tests.Support;
using Bodywork.Models.Projects;
using FakeKubernetes;
using Xunit;

namespace Bodywork.Engine.Tests.Workflows.Kubernetes;

/// <summary>Every object kind the workflow builds validates strictly against the v1.25 OpenAPI (the fake's oracle).</summary>
public sealed class ManifestValidationTests
{
    private static readonly StageSource Source = new("team-a", "https://git.example.com/ml/project.git", "main",
        "0123456789abcdef0123456789abcdef01234567", "registry.example.com/ml/image:1.0");

    [Fact]
    public void JobDeploymentAndServiceValidate()
    {
        using var builder = new ProjectBuilder().WithProjectName("p")
            .WithBatchStage("train", retries: 3, maxCompletionTimeSeconds: 120, secrets: "API_KEY=credentials\nDB_URL=credentials")
            .WithServiceStage("serve", port: 8000, replicas: 2, maxStartupTimeSeconds: 45);
        var project = BodyworkProjects.Load(builder.Build());
        var train = project.GetStage("train");
        var serve = project.GetStage("serve");

        var job = ToJson(JobManifest.Build(train, project.Path, Source), KubernetesJsonContext.Default.Job);
        var deployment = ToJson(DeploymentManifest.Build(serve, project.Path, Source), KubernetesJsonContext.Default.Deployment);
        var service = ToJson(ServiceManifest.Build(serve, Source), KubernetesJsonContext.Default.Service);

        Assert.Empty(FakeApiServer.Validate(job));
        Assert.Empty(FakeApiServer.Validate(deployment));
        Assert.Empty(FakeApiServer.Validate(service));
    }

    [Fact]
    public void JobCarriesRetriesDeadlineSecretsAndNoUserValueInItsCommand()
    {
        using var builder = new ProjectBuilder().WithProjectName("p")
            .WithBatchStage("train", retries: 3, maxCompletionTimeSeconds: 120, secrets: "API_KEY=credentials");
        var project = BodyworkProjects.Load(builder.Build());

        var job = JobManifest.Build(project.GetStage("train"), project.Path, Source);

        Assert.Equal(3, job.Spec!.BackoffLimit);
        Assert.Equal(120, job.Spec.ActiveDeadlineSeconds);
        var pod = job.Spec.Template.Spec!;
        Assert.Equal("Never", pod.RestartPolicy);
        Assert.Equal("bodywork-jobs-and-deployments", pod.ServiceAccountName);
        var container = Assert.Single(pod.Containers);
        Assert.Equal(Source.Image, container.Image);
        Assert.Equal(StageScript.Command, container.Command);
        Assert.DoesNotContain(container.Command!, c => c.Contains("git.example.com", StringComparison.Ordinal) || c.Contains("train", StringComparison.Ordinal));
        var secret = Assert.Single(container.Env!, e => e.Name == "API_KEY");
        Assert.Equal(("credentials", "API_KEY", false), (secret.ValueFrom!.SecretKeyRef!.Name, secret.ValueFrom.SecretKeyRef.Key, secret.ValueFrom.SecretKeyRef.Optional));
        Assert.Equal("train", container.Env!.Single(e => e.Name == StageScript.StageDirectoryVariable).Value);
        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "500m", ["memory"] = "100M" }, container.Resources!.Requests);
        Assert.Equal("p", job.Metadata.Labels![BodyworkLabels.ProjectKey]);
        Assert.Equal("train", job.Spec.Template.Metadata!.Labels![BodyworkLabels.StageKey]);
    }

    [Fact]
    public void DeploymentProbesThePortAndNeverTakesAReadyReplicaAway()
    {
        using var builder = new ProjectBuilder().WithProjectName("p").WithServiceStage("serve", port: 8000, replicas: 2, maxStartupTimeSeconds: 45);
        var project = BodyworkProjects.Load(builder.Build());

        var deployment = DeploymentManifest.Build(project.GetStage("serve"), project.Path, Source);

        Assert.Equal(2, deployment.Spec!.Replicas);
        Assert.Equal(45, deployment.Spec.ProgressDeadlineSeconds);
        Assert.Equal(0, deployment.Spec.Strategy!.RollingUpdate!.MaxUnavailable!.Value.IntValue);
        var container = deployment.Spec.Template.Spec!.Containers[0];
        Assert.Equal(8000, container.ReadinessProbe!.TcpSocket!.Port.IntValue);
        Assert.Equal(8000, container.StartupProbe!.TcpSocket!.Port.IntValue);
        Assert.True(container.StartupProbe.FailureThreshold * container.StartupProbe.PeriodSeconds >= 45);
        Assert.Equal(BodyworkLabels.ForStage("p", "serve"), deployment.Spec.Selector.MatchLabels);
        Assert.Equal(Source.RepoUrl, deployment.Metadata.Annotations![BodyworkLabels.GitUrlAnnotation]);
    }

    private static JsonObject ToJson<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonNode.Parse(JsonSerializer.Serialize(value, info))!.AsObject();
}
