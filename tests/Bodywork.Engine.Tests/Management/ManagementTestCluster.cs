using System.Net;
using System.Net.Sockets;
using Bodywork.Engine.Kubernetes;
using Bodywork.Engine.Management;
using Bodywork.Engine.Tests.Kubernetes.Client;
using Bodywork.Engine.Tests.Support;
using Bodywork.Models.Errors;
using FakeKubernetes;
using Xunit;

namespace Bodywork.Engine.Tests.Management;

/// <summary>Helpers shared by the management tests: a fake cluster, a set-up namespace, an unreachable server.</summary>
internal static class ManagementTestCluster
{
    public const string Namespace = "ml";

    public static Task<FakeCluster> StartAsync() => FakeCluster.StartAsync(new FakeApiServerOptions { Namespaces = [Namespace] });

    public static async Task<FakeCluster> StartSetUpAsync()
    {
        var cluster = await StartAsync();
        await new NamespaceManager(cluster.Api).SetUpAsync(Namespace, new RecordingContext());
        cluster.Server.Counters.Reset();
        return cluster;
    }

    /// <summary>A connection to a port nothing listens on (connection refused), with one attempt.</summary>
    public static KubernetesConnection Unreachable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new KubernetesConnection(new Uri($"http://127.0.0.1:{port}"), new SocketsHttpHandler(), null, Namespace, "gone",
            StubHandler.FastOptions with { MaxAttempts = 1 });
    }

    /// <summary>
    /// The next matching request answers 403 with an RBAC-style Status. (The fake's FailNext(403) sends reason
    /// InternalError, which the client rightly maps to a server error; a raw Status body is exact.)
    /// </summary>
    public static void Forbid(FakeApiServer server, string verb, string resource) =>
        server.Faults.FailNextWithBody(1, 403, "application/json",
            $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"{{resource}} is forbidden: User \"alice\" cannot {{verb}} resource \"{{resource}}\"","reason":"Forbidden","details":{"kind":"{{resource}}"},"code":403}""",
            verb, resource);

    public static async Task<BodyworkException> ThrowsIdAsync(string errorId, Func<Task> action)
    {
        var e = await Assert.ThrowsAnyAsync<BodyworkException>(action);
        Assert.True(e.ErrorId == errorId, $"expected {errorId}, got {e.ErrorId}: {e.Message}");
        return e;
    }
}
