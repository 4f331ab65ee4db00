using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Engine.Management;
using Bodywork.Engine.Manifests;
using Bodywork.Engine.Tests.Support;
using Bodywork.Models.Errors;
using Xunit;
using static Bodywork.Engine.Tests.Management.ManagementTestCluster;

namespace Bodywork.Engine.Tests.Management;

/// <summary>Get-/Remove-BodyworkService against the fake API server.</summary>
public sealed class ServiceManagerTests
{
    internal static async Task DeployAsync(Bodywork.Engine.Kubernetes.Client.IKubernetesApi api, string project, string stage, bool expose)
    {
        var name = $"{project}--{stage}";
        var labels = BodyworkLabels.ForStage(project, stage);
        await api.Deployments.CreateAsync(Namespace, new Deployment
        {
            Metadata = new ObjectMeta
            {
                Name = name, Labels = labels,
                Annotations = new Dictionary<string, string>
                {
                    [BodyworkLabels.GitUrlAnnotation] = "https://github.com/example/iris",
                    [BodyworkLabels.GitBranchAnnotation] = "main",
                },
            },
            Spec = new DeploymentSpec
            {
                Replicas = 2,
                Selector = new LabelSelector { MatchLabels = labels },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = labels },
                    Spec = new PodSpec { Containers = [new Container { Name = "stage", Image = "python:3.12", Command = ["sleep", "600"], Ports = [new ContainerPort { Port = 5000 }] }] },
                },
            },
        });
        if (expose)
        {
            await api.Services.CreateAsync(Namespace, new Service
            {
                Metadata = new ObjectMeta { Name = name, Labels = labels },
                Spec = new ServiceSpec { Selector = labels, Ports = [new ServicePort { Port = 5000, TargetPort = IntOrString.FromInt32(5000) }] },
            });
        }
    }

    [Fact]
    public async Task List_joins_deployments_with_their_services()
    {
        await using var cluster = await StartAsync();
        await DeployAsync(cluster.Api, "iris", "serve", expose: true);
        await DeployAsync(cluster.Api, "iris", "shadow", expose: false);
        var manager = new ServiceManager(cluster.Api);

        var services = await manager.ListAsync(Namespace, null);
        Assert.Equal(["iris--serve", "iris--shadow"], services.Select(s => s.Name));
        var serve = services[0];
        Assert.Equal("http://iris--serve.ml.svc.cluster.local:5000", serve.Url);
        Assert.Equal(5000, serve.Port);
        Assert.True(serve.Exposed);
        Assert.False(services[1].Exposed);
        Assert.Equal(2, serve.Replicas);
        Assert.Equal(("iris", "serve"), (serve.Project, serve.Stage));
        Assert.Equal(("https://github.com/example/iris", "main"), (serve.GitRepoUrl, serve.Branch));
        Assert.Equal(["iris--shadow"], (await manager.ListAsync(Namespace, NamePattern.Parse("*shadow"))).Select(s => s.Name));
        await ThrowsIdAsync(BodyworkErrorIds.ServiceNotFound, () => manager.GetAsync(Namespace, "iris--nothing"));
        await ThrowsIdAsync(BodyworkErrorIds.NamespaceNotFound, () => manager.ListAsync("nope", null));
    }

    [Fact]
    public async Task Remove_deletes_deployment_and_service_and_WhatIf_writes_nothing()
    {
        await using var cluster = await StartAsync();
        await DeployAsync(cluster.Api, "iris", "serve", expose: true);
        var manager = new ServiceManager(cluster.Api);
        cluster.Server.Counters.Reset();

        Assert.Null(await manager.RemoveAsync(Namespace, "iris--serve", new RecordingContext { Approve = false }));
        Assert.Equal(0, cluster.Server.Counters.Writes);

        var removed = await manager.RemoveAsync(Namespace, "iris--serve", new RecordingContext());
        Assert.True(removed!.Exposed);
        Assert.Null(cluster.Server.Store.Get("apps/v1", "Deployment", Namespace, "iris--serve"));
        Assert.Null(cluster.Server.Store.Get("v1", "Service", Namespace, "iris--serve"));
        Assert.Equal(2, cluster.Server.Counters.Count("delete"));
        await ThrowsIdAsync(BodyworkErrorIds.ServiceNotFound, () => manager.RemoveAsync(Namespace, "iris--serve", new RecordingContext()));
    }

    [Fact]
    public async Task Forbidden_and_unreachable_fail_with_their_ids()
    {
        await using var cluster = await StartAsync();
        Forbid(cluster.Server, "list", "deployments");
        await ThrowsIdAsync(BodyworkErrorIds.Forbidden, () => new ServiceManager(cluster.Api).ListAsync(Namespace, null));
        using var gone = Unreachable();
        await ThrowsIdAsync(BodyworkErrorIds.ClusterUnreachable, () => new ServiceManager(gone.Api).GetAsync(Namespace, "x"));
    }
}
