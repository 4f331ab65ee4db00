using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Bodywork.Engine.Kubernetes.Config;
using Bodywork.Engine.Tests.Kubernetes.Config.Support;
using Xunit;
using KeyFormat = Bodywork.Engine.Tests.Kubernetes.Config.Support.TestCertificates.KeyFormat;

namespace Bodywork.Engine.Tests.Kubernetes.Config;

/// <summary>TLS for real against an in-test HTTPS server whose certificate a test CA signed.</summary>
public sealed class TlsConnectionTests : IAsyncLifetime, IDisposable
{
    private static readonly X509Certificate2 ServerCa = TestCertificates.CreateCa("test-server-ca");
    private static readonly X509Certificate2 ClientCa = TestCertificates.CreateCa("test-client-ca");
    private readonly KubeTestEnvironment _env = new();
    private TlsTestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await TlsTestServer.StartAsync(TestCertificates.CreateServer(ServerCa, "kube.test"));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _env.Dispose();

    private string Kubeconfig(string clusterExtra, string userBody = "    token: tls-token", string host = "127.0.0.1") =>
        _env.Write("k/config", $$"""
            current-context: ctx
            clusters:
            - name: c
              cluster:
                server: https://{{host}}:{{_server.Url.Port}}
            {{clusterExtra}}
            users:
            - name: u
              user:
            {{userBody}}
            contexts:
            - name: ctx
              context: {cluster: c, user: u}
            """);

    private static string CaData(X509Certificate2 ca) => "    certificate-authority-data: " + KubeTestEnvironment.Base64(TestCertificates.Pem(ca));

    private static async Task<string> GetAsync(ResolvedKubernetesConfig config)
    {
        using var handler = config.CreateHandler();
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(1) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(config.Server, "api"));
        await config.Authenticator.AuthenticateAsync(request, CancellationToken.None);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Server_signed_by_the_given_CA_is_trusted_and_the_token_arrives()
    {
        var config = _env.LoadFile(Kubeconfig(CaData(ServerCa)));

        Assert.Contains("APIVersions", await GetAsync(config));
        Assert.Contains("Bearer tls-token", _server.Authorizations);
    }

    [Fact]
    public async Task CA_file_relative_to_the_kubeconfig_works()
    {
        _env.Write("k/pki/ca.crt", TestCertificates.Pem(ServerCa));
        var config = _env.LoadFile(Kubeconfig("    certificate-authority: pki/ca.crt"));
        Assert.Contains("APIVersions", await GetAsync(config));
    }

    [Fact]
    public async Task Server_signed_by_another_CA_is_rejected()
    {
        var config = _env.LoadFile(Kubeconfig(CaData(TestCertificates.CreateCa("some-other-ca"))));
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(config));
        Assert.IsType<AuthenticationException>(error.InnerException);
        Assert.Empty(_server.Authorizations);
    }

    [Fact]
    public async Task Without_a_CA_the_OS_store_is_used_and_rejects_the_test_CA()
    {
        var config = _env.LoadFile(Kubeconfig(""));
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(config));
        Assert.IsType<AuthenticationException>(error.InnerException);
    }

    [Fact]
    public async Task Host_name_mismatch_is_rejected_even_with_the_right_CA()
    {
        // The certificate names 127.0.0.1 and kube.test, not localhost.
        var config = _env.LoadFile(Kubeconfig(CaData(ServerCa), host: "localhost"));
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(config));
        Assert.IsType<AuthenticationException>(error.InnerException);
        Assert.Empty(_server.Authorizations);
    }

    [Fact]
    public async Task Tls_server_name_is_used_for_SNI_and_the_name_check()
    {
        var config = _env.LoadFile(Kubeconfig(CaData(ServerCa) + "\n    tls-server-name: kube.test", host: "localhost"));

        Assert.Contains("APIVersions", await GetAsync(config));
        Assert.Contains("kube.test", _server.SniNames);
        // Unlike the C# client, the Host header is left alone: only TLS uses the other name.
        Assert.Contains($"localhost:{_server.Url.Port}", _server.HostHeaders);
        Assert.Contains("Bearer tls-token", _server.Authorizations);
    }

    [Fact]
    public async Task Tls_server_name_with_the_wrong_CA_is_rejected()
    {
        var config = _env.LoadFile(Kubeconfig(CaData(TestCertificates.CreateCa("wrong-ca")) + "\n    tls-server-name: kube.test"));
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(config));
        Assert.IsType<AuthenticationException>(error.InnerException);
        Assert.Empty(_server.Authorizations);
    }

    [Fact]
    public async Task Tls_server_name_that_the_certificate_lacks_is_rejected()
    {
        var config = _env.LoadFile(Kubeconfig(CaData(ServerCa) + "\n    tls-server-name: other.test"));
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(config));
        Assert.IsType<AuthenticationException>(error.InnerException);
    }

    [Fact]
    public async Task Proxy_url_tunnels_through_the_proxy_with_its_credentials()
    {
        await using var proxy = new ConnectProxy();
        var config = _env.LoadFile(Kubeconfig(CaData(ServerCa) + $"\n    proxy-url: http://proxy-user:proxy%20pass@127.0.0.1:{proxy.Port}"));

        Assert.Contains("APIVersions", await GetAsync(config));

        Assert.Contains($"127.0.0.1:{_server.Url.Port}", proxy.Tunnels);
        Assert.Contains("Basic " + KubeTestEnvironment.Base64("proxy-user:proxy pass"), proxy.ProxyAuthorizations);
        Assert.Contains("Bearer tls-token", _server.Authorizations);
    }

    [Fact]
    public async Task Insecure_flag_skips_verification()
    {
        var config = _env.LoadFile(Kubeconfig("    insecure-skip-tls-verify: true", host: "localhost"));
        Assert.Contains("APIVersions", await GetAsync(config));
    }

    [Theory]
    [InlineData(KeyFormat.RsaPkcs1)]
    [InlineData(KeyFormat.EcSec1WithParameters)]
    [InlineData(KeyFormat.EcPkcs8)]
    public async Task Client_certificate_reaches_the_server(KeyFormat format)
    {
        var pem = TestCertificates.CreateClient(ClientCa, "client-" + format, format);
        var user = $"    client-certificate-data: {KubeTestEnvironment.Base64(pem.CertificatePem)}\n    client-key-data: {KubeTestEnvironment.Base64(pem.KeyPem)}";
        var config = _env.LoadFile(Kubeconfig(CaData(ServerCa), user));

        await GetAsync(config);

        Assert.Contains(_server.ClientSubjects, s => s.Contains("CN=client-" + format, StringComparison.Ordinal));
        Assert.Contains("", _server.Authorizations);
    }

    [Fact]
    public async Task Rotated_client_certificate_files_are_picked_up_on_new_connections()
    {
        var alice = TestCertificates.CreateClient(ClientCa, "alice", KeyFormat.RsaPkcs1);
        var bob = TestCertificates.CreateClient(ClientCa, "bob", KeyFormat.EcSec1);
        _env.Write("k/pki/client.crt", alice.CertificatePem);
        _env.Write("k/pki/client.key", alice.KeyPem);
        var config = _env.LoadFile(Kubeconfig(CaData(ServerCa), "    client-certificate: pki/client.crt\n    client-key: pki/client.key"));
        using var handler = config.CreateHandler();
        using var client = new HttpClient(handler);

        (await client.GetAsync(new Uri(config.Server, "api"))).EnsureSuccessStatusCode();
        Assert.Contains(_server.ClientSubjects, s => s.Contains("CN=alice", StringComparison.Ordinal));

        _env.Write("k/pki/client.crt", bob.CertificatePem);
        _env.Write("k/pki/client.key", bob.KeyPem);
        File.SetLastWriteTimeUtc(Path.Combine(_env.Root, "k", "pki", "client.crt"), DateTime.UtcNow.AddMinutes(1));
        _env.Clock.Advance(TimeSpan.FromMinutes(2));
        (await client.GetAsync(new Uri(config.Server, "api"))).EnsureSuccessStatusCode();

        Assert.Contains(_server.ClientSubjects, s => s.Contains("CN=bob", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Client_certificate_chain_sends_its_intermediate()
    {
        var intermediate = TestCertificates.CreateIntermediate(ClientCa, "test-client-intermediate");
        var pem = TestCertificates.CreateClient(intermediate, "chained-client", KeyFormat.RsaPkcs1);
        var chainPem = pem.CertificatePem + "\n" + TestCertificates.Pem(intermediate);
        var user = $"    client-certificate-data: {KubeTestEnvironment.Base64(chainPem)}\n    client-key-data: {KubeTestEnvironment.Base64(pem.KeyPem)}";
        var config = _env.LoadFile(Kubeconfig(CaData(ServerCa), user));

        await GetAsync(config);

        Assert.Contains(_server.ClientSubjects, s => s.Contains("CN=chained-client", StringComparison.Ordinal));
        Assert.Contains(_server.ClientChainSubjects, s => s.Contains("CN=test-client-intermediate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Exec_plugin_client_certificate_reaches_the_server()
    {
        var pem = TestCertificates.CreateClient(ClientCa, "exec-client", KeyFormat.EcSec1);
        var response = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["apiVersion"] = "client.authentication.k8s.io/v1beta1",
            ["kind"] = "ExecCredential",
            ["status"] = new Dictionary<string, string> { ["clientCertificateData"] = pem.CertificatePem, ["clientKeyData"] = pem.KeyPem },
        });
        _env.Write("k/response.json", response);
        _env.WriteScript("k/plugin.sh", "#!/bin/sh\ncat \"$(dirname \"$0\")/response.json\"\n");
        var user = "    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: ./plugin.sh";
        var config = _env.LoadFile(Kubeconfig(CaData(ServerCa), user));

        await GetAsync(config);

        Assert.Contains(_server.ClientSubjects, s => s.Contains("CN=exec-client", StringComparison.Ordinal));
    }
}
