using System.Text.Json.Nodes;
using Bodywork.Engine.Kubernetes;
using Bodywork.Engine.Kubernetes.Config;
using Bodywork.Engine.Workflows.Kubernetes;
using Bodywork.Models.Workflows;
using FakeKubernetes;

namespace Bodywork.Engine.Tests.Workflows.Kubernetes;

/// <summary>The fake API server with a namespace set up for Bodywork, and a connection to it through a kubeconfig.</summary>
internal sealed class FakeCluster : IAsyncDisposable
{
    public const string Namespace = "bodywork-e2e";
    private readonly string _directory;

    private FakeCluster(FakeApiServer server, KubernetesConnection connection, string directory)
    {
        KubeConfigPath = Path.Combine(directory, "kubeconfig");
        Server = server;
        Connection = connection;
        _directory = directory;
    }

    public FakeApiServer Server { get; }
    public string KubeConfigPath { get; }
    public KubernetesConnection Connection { get; }

    public static async Task<FakeCluster> StartAsync(KubeletMode kubelet = KubeletMode.Process, bool setUp = true)
    {
        var server = await FakeApiServer.StartAsync(new FakeApiServerOptions { Kubelet = kubelet, Namespaces = [Namespace] });
        var directory = Path.Combine(Path.GetTempPath(), "bodywork-tests", "cluster-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(directory);
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        server.WriteKubeconfig(kubeconfig, Namespace);
        if (setUp)
        {
            SetUpNamespace(server);
        }

        var connection = KubernetesClientFactory.Create(new KubernetesConnectionOptions(kubeconfig));
        return new FakeCluster(server, connection, directory);
    }

    /// <summary>What New-BodyworkNamespace creates and the workflow checks (spec §3.1).</summary>
    public static void SetUpNamespace(FakeApiServer server)
    {
        server.Store.Put(Obj($$$"""{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"bodywork-workflow-controller","namespace":"{{{Namespace}}}"}}"""));
        server.Store.Put(Obj($$$"""{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"bodywork-jobs-and-deployments","namespace":"{{{Namespace}}}"}}"""));
        server.Store.Put(Obj($$$"""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"bodywork-workflow-controller--{{{Namespace}}}"},
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"bodywork-workflow-controller"},
             "subjects":[{"kind":"ServiceAccount","name":"bodywork-workflow-controller","namespace":"{{{Namespace}}}"}]}
            """));
    }

    public Task<WorkflowRun?> RunAsync(string repo, string? branch, RecordingContext context, string? image = null) =>
        new KubernetesWorkflowService(Connection.Api).RunAsync(
            new KubernetesWorkflowRequest { Namespace = Namespace, GitRepoUrl = repo, Branch = branch, Image = image }, context, context);

    public IReadOnlyList<JsonObject> List(string apiVersion, string kind) => Server.Store.List(apiVersion, kind, Namespace);

    public async ValueTask DisposeAsync()
    {
        Connection.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();
}
