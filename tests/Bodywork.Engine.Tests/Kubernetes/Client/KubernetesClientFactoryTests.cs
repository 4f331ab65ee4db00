using Bodywork.Engine.Kubernetes;
using Bodywork.Engine.Kubernetes.Config;
using Bodywork.Engine.Kubernetes.Errors;
using FakeKubernetes;
using Xunit;

namespace Bodywork.Engine.Tests.Kubernetes.Client;

/// <summary>The factory path end to end: kubeconfig file → TLS, credentials, path prefix → typed API.</summary>
public sealed class KubernetesClientFactoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bodywork-factory-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_kubeconfig_for_a_tls_server_with_authentication_connects()
    {
        await using var server = await FakeApiServer.StartAsync(new FakeApiServerOptions
        {
            Tls = true,
            RequireAuthentication = true,
            PathPrefix = "/k8s/clusters/c-abc12",
            Namespaces = ["team-a"],
        });
        var path = server.WriteKubeconfig(Path.Combine(_dir, "config"), @namespace: "team-a");

        using var connection = KubernetesClientFactory.Create(new KubernetesConnectionOptions(path), StubHandler.FastOptions);
        var namespaces = await connection.Api.Namespaces.ListAsync();

        Assert.Equal("team-a", connection.Namespace);
        Assert.Equal("fake", connection.ContextName);
        Assert.StartsWith("https://", connection.Server.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "team-a");
        Assert.EndsWith("/k8s/clusters/c-abc12", connection.Server.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);
        // The fake serves the API only under its prefix, so the successful list shows the prefix was kept.
    }

    [Fact]
    public async Task Wrong_credentials_surface_as_unauthorized_after_one_refresh()
    {
        await using var server = await FakeApiServer.StartAsync(new FakeApiServerOptions { RequireAuthentication = true });
        var path = server.WriteKubeconfig(Path.Combine(_dir, "config"), credentials: KubeconfigCredentials.Token);
        File.WriteAllText(path, File.ReadAllText(path).Replace(server.Token, "not-the-token", StringComparison.Ordinal));

        using var connection = KubernetesClientFactory.Create(new KubernetesConnectionOptions(path), StubHandler.FastOptions);
        var ex = await Assert.ThrowsAsync<KubernetesApiException>(() => connection.Api.Namespaces.GetAsync("default"));

        Assert.Equal(KubernetesErrorReason.Unauthorized, ex.Reason);
        Assert.DoesNotContain("not-the-token", ex.ToString(), StringComparison.Ordinal);
    }
}
