using Bodywork.Engine.Kubernetes;
using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Models;
using FakeKubernetes;

namespace Bodywork.Engine.Tests.Kubernetes.Client;

/// <summary>A fake API server on 127.0.0.1 plus a client connected to it over real HTTP.</summary>
public sealed class FakeCluster : IAsyncDisposable
{
    private FakeCluster(FakeApiServer server, KubernetesConnection connection)
    {
        Server = server;
        Connection = connection;
    }

    public FakeApiServer Server { get; }
    public KubernetesConnection Connection { get; }
    public IKubernetesApi Api => Connection.Api;

    public static async Task<FakeCluster> StartAsync(FakeApiServerOptions? options = null, KubernetesClientOptions? clientOptions = null)
    {
        var server = await FakeApiServer.StartAsync(options ?? new FakeApiServerOptions { Namespaces = ["ml"] });
        var connection = new KubernetesConnection(new Uri(server.Url), new SocketsHttpHandler(), null, "ml", "fake",
            clientOptions ?? StubHandler.FastOptions);
        return new FakeCluster(server, connection);
    }

    public static Job Job(string name, string? image = "python:3.12", int? backoffLimit = 0) => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new JobSpec
        {
            BackoffLimit = backoffLimit,
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new PodSpec { RestartPolicy = "Never", Containers = [new Container { Name = "main", Image = image, Command = ["python", "-c", "print(1)"] }] },
            },
        },
    };

    public static Deployment Deployment(string name, string image, int? progressDeadlineSeconds = null) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new DeploymentSpec
        {
            Replicas = 1,
            ProgressDeadlineSeconds = progressDeadlineSeconds,
            Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new PodSpec { Containers = [new Container { Name = "web", Image = image, Ports = [new ContainerPort { Port = 8000 }] }] },
            },
        },
    };

    public async ValueTask DisposeAsync()
    {
        Connection.Dispose();
        await Server.DisposeAsync();
    }
}
