using Bodywork.Engine.Tests.Kubernetes.Config.Support;
using Bodywork.Engine.Kubernetes.Config;
using Xunit;

namespace Bodywork.Engine.Tests.Kubernetes.Config;

public class InClusterConfigTests : IDisposable
{
    private readonly KubeTestEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    [Fact]
    public async Task In_cluster_reads_server_namespace_ca_and_token()
    {
        var ca = TestCertificates.Pem(TestCertificates.CreateCa("cluster-ca"));
        _env.SetUpInCluster("token-1\n", host: "10.96.0.1", port: "443", ns: "jobs\n", caPem: ca);

        var config = _env.Load();

        Assert.Equal("in-cluster", config.ContextName);
        Assert.Equal(new Uri("https://10.96.0.1:443/"), config.Server);
        Assert.Equal("jobs", config.Namespace);
        Assert.Equal("Bearer token-1", await AuthProbe.AuthorizationAsync(config));
    }

    [Fact]
    public void IPv6_service_host_is_bracketed()
    {
        _env.SetUpInCluster("t", host: "fd00:10:96::1", port: "6443");
        var config = _env.Load();
        Assert.Equal("[fd00:10:96::1]", config.Server.Host);
        Assert.Equal(6443, config.Server.Port);
    }

    [Fact]
    public void POD_NAMESPACE_wins_over_the_namespace_file_and_the_option_over_both()
    {
        _env.SetUpInCluster("t", ns: "from-file");
        _env.Variables["POD_NAMESPACE"] = "from-env";
        Assert.Equal("from-env", _env.Load().Namespace);
        Assert.Equal("from-option", _env.Load(new KubernetesConnectionOptions(Namespace: "from-option")).Namespace);
        _env.Variables.Remove("POD_NAMESPACE");
        Assert.Equal("from-file", _env.Load().Namespace);
    }

    [Fact]
    public async Task Rotated_token_is_read_again_after_the_cache_period_and_after_a_401()
    {
        _env.SetUpInCluster("token-1");
        var config = _env.Load();
        Assert.Equal("Bearer token-1", await AuthProbe.AuthorizationAsync(config));

        // kubelet rewrites the projected token; within the cache period the old one is still sent...
        File.WriteAllText(Path.Combine(_env.ServiceAccount, "token"), "token-2");
        _env.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("Bearer token-1", await AuthProbe.AuthorizationAsync(config));

        // ...after it, the new one.
        _env.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("Bearer token-2", await AuthProbe.AuthorizationAsync(config));

        // A 401 forces a re-read at once and reports whether it changed.
        File.WriteAllText(Path.Combine(_env.ServiceAccount, "token"), "token-3");
        Assert.True(await config.Authenticator.RefreshAfterUnauthorizedAsync(CancellationToken.None));
        Assert.Equal("Bearer token-3", await AuthProbe.AuthorizationAsync(config));
        Assert.False(await config.Authenticator.RefreshAfterUnauthorizedAsync(CancellationToken.None));
    }

    [Fact]
    public void Without_the_token_file_in_cluster_is_not_possible()
    {
        _env.Variables["KUBERNETES_SERVICE_HOST"] = "10.0.0.1";
        _env.Variables["KUBERNETES_SERVICE_PORT"] = "443";
        var error = Assert.Throws<Bodywork.Models.Errors.BodyworkException>(() => _env.Load());
        Assert.Equal(Bodywork.Models.Errors.BodyworkErrorIds.KubeConfigNotFound, error.ErrorId);
    }
}
