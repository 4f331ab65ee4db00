using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using FakeKubernetes;
using Xunit;

namespace Bodywork.Engine.Tests.Fake;

/// <summary>TLS with the generated CA, and bearer / basic / client-certificate authentication with 401 Status answers.</summary>
public sealed class FakeTlsAuthTests : IAsyncLifetime
{
    private FakeApiServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await FakeApiServer.StartAsync(new FakeApiServerOptions { Tls = true, RequireAuthentication = true });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private HttpClient Client(X509Certificate2? clientCert = null, bool trustCa = true, string? host = null)
    {
        var ca = X509Certificate2.CreateFromPem(_server.CaCertificatePem!);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, errors) =>
        {
            if (!trustCa || cert is null) return errors == System.Net.Security.SslPolicyErrors.None;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(new X509Certificate2(cert)) && (errors & System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
        };
        if (clientCert is not null) handler.SslOptions.ClientCertificates = [clientCert];
        var url = new UriBuilder(_server.Url) { Host = host ?? "127.0.0.1" }.Uri;
        return new HttpClient(handler) { BaseAddress = url };
    }

    private static X509Certificate2 Load(FakeClientCertificate cert)
    {
        var key = cert.KeyPem.Contains("EC PARAMETERS", StringComparison.Ordinal)
            ? cert.KeyPem[cert.KeyPem.IndexOf("-----BEGIN EC PRIVATE KEY", StringComparison.Ordinal)..]
            : cert.KeyPem;
        using var ephemeral = X509Certificate2.CreateFromPem(cert.CertificatePem, key);
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }

    [Fact]
    public async Task Without_credentials_the_answer_is_a_401_Status()
    {
        Assert.StartsWith("https://127.0.0.1:", _server.Url);
        using var client = Client();
        var response = await client.GetAsync("api/v1/namespaces");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Unauthorized", (string?)body["reason"]);
        Assert.Equal(401, (int)body["code"]!);
    }

    [Fact]
    public async Task Bearer_token_is_accepted_and_a_wrong_one_is_401()
    {
        using var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _server.Token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/namespaces")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/v1/namespaces")).StatusCode);
    }

    [Fact]
    public async Task Limited_token_expires_after_its_uses_and_basic_auth_works()
    {
        _server.AddToken("once", "ci", uses: 1);
        _server.AddBasicUser("admin", "pw");
        using var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "once");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/namespaces")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/v1/namespaces")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin:pw"u8.ToArray()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/namespaces")).StatusCode);
        var last = _server.Requests[^1];
        Assert.Equal("admin", last.User);
    }

    [Theory]
    [InlineData(ClientKeyFormat.RsaPkcs1, "RSA PRIVATE KEY")]
    [InlineData(ClientKeyFormat.EcSec1, "EC PRIVATE KEY")]
    [InlineData(ClientKeyFormat.EcSec1WithParameters, "EC PARAMETERS")]
    [InlineData(ClientKeyFormat.Pkcs8Rsa, "BEGIN PRIVATE KEY")]
    [InlineData(ClientKeyFormat.Pkcs8Ec, "BEGIN PRIVATE KEY")]
    public async Task Client_certificates_in_every_key_format_authenticate(ClientKeyFormat format, string pemMarker)
    {
        var issued = _server.IssueClientCertificate("alice", format);
        Assert.Contains(pemMarker, issued.KeyPem);
        using var cert = Load(issued);
        using var client = Client(cert);
        client.DefaultRequestHeaders.Add("Impersonate-User", "bob");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/namespaces")).StatusCode);
        var last = _server.Requests[^1];
        Assert.Equal("alice", last.User);
        Assert.Equal("bob", last.Headers["impersonate-user"]);
    }

    [Fact]
    public async Task Server_certificate_names_localhost_and_the_tls_server_name_and_kubeconfig_carries_ca()
    {
        using var client = Client(host: "localhost");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _server.Token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("version")).StatusCode);
        using var untrusted = Client(trustCa: false);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => untrusted.GetAsync("version"));
        var path = Path.Combine(Path.GetTempPath(), $"fake-kubeconfig-{Guid.NewGuid():N}.yaml");
        try
        {
            _server.WriteKubeconfig(path, "team");
            var text = await File.ReadAllTextAsync(path);
            Assert.Contains("certificate-authority-data: ", text);
            Assert.Contains("client-key-data: ", text);
            Assert.Contains($"token: {_server.Token}", text);
            Assert.Contains("namespace: team", text);
            Assert.Contains($"server: {_server.Url}", text);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
