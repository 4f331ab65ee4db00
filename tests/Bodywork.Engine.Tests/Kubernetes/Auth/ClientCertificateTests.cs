using Bodywork.Engine.Tests.Kubernetes.Config.Support;
using Bodywork.Models.Errors;
using Xunit;
using KeyFormat = Bodywork.Engine.Tests.Kubernetes.Config.Support.TestCertificates.KeyFormat;

namespace Bodywork.Engine.Tests.Kubernetes.Auth;

/// <summary>PEM client certificates in every key format kubeconfigs use (kind: PKCS#1, k3s: SEC1, others: PKCS#8).</summary>
public class ClientCertificateTests : IDisposable
{
    private static readonly System.Security.Cryptography.X509Certificates.X509Certificate2 Ca = TestCertificates.CreateCa("client-ca");
    private readonly KubeTestEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    private string Kubeconfig(string userBody) => _env.Write("k/config", $$"""
        current-context: ctx
        clusters:
        - name: c
          cluster: {server: "https://127.0.0.1:6443"}
        users:
        - name: u
          user:
        {{userBody}}
        contexts:
        - name: ctx
          context: {cluster: c, user: u}
        """);

    [Theory]
    [InlineData(KeyFormat.RsaPkcs1)]
    [InlineData(KeyFormat.RsaPkcs8)]
    [InlineData(KeyFormat.EcSec1)]
    [InlineData(KeyFormat.EcSec1WithParameters)]
    [InlineData(KeyFormat.EcPkcs8)]
    public void Inline_data_in_every_key_format_loads(KeyFormat format)
    {
        var pem = TestCertificates.CreateClient(Ca, "alice", format);
        var config = _env.LoadFile(Kubeconfig(
            $"    client-certificate-data: {KubeTestEnvironment.Base64(pem.CertificatePem)}\n    client-key-data: {KubeTestEnvironment.Base64(pem.KeyPem)}"));
        Assert.Contains("client certificate", config.Authenticator.ToString());
    }

    [Fact]
    public void Files_load_and_base64_with_line_breaks_is_accepted()
    {
        var pem = TestCertificates.CreateClient(Ca, "bob", KeyFormat.EcSec1);
        _env.Write("k/client.crt", pem.CertificatePem);
        var wrappedKey = string.Join("\n      ", KubeTestEnvironment.Base64(pem.KeyPem).Chunk(64).Select(c => new string(c)));
        var config = _env.LoadFile(Kubeconfig($"    client-certificate: client.crt\n    client-key-data: >-\n      {wrappedKey}"));
        Assert.Contains("client certificate", config.Authenticator.ToString());
    }

    [Fact]
    public void Key_that_does_not_match_the_certificate_is_rejected_without_showing_the_key()
    {
        var alice = TestCertificates.CreateClient(Ca, "alice", KeyFormat.RsaPkcs1);
        var bob = TestCertificates.CreateClient(Ca, "bob", KeyFormat.RsaPkcs1);
        var keyData = KubeTestEnvironment.Base64(bob.KeyPem);
        var error = Assert.Throws<BodyworkException>(() => _env.LoadFile(Kubeconfig(
            $"    client-certificate-data: {KubeTestEnvironment.Base64(alice.CertificatePem)}\n    client-key-data: {keyData}")));
        Assert.Contains("does not match", error.Message);
        Assert.DoesNotContain(keyData[..40], error.ToString());
        Assert.DoesNotContain("PRIVATE KEY-----\n", error.ToString());
    }

    [Fact]
    public void Encrypted_key_is_rejected_clearly()
    {
        var alice = TestCertificates.CreateClient(Ca, "alice", KeyFormat.RsaPkcs1);
        var encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n";
        var error = Assert.Throws<BodyworkException>(() => _env.LoadFile(Kubeconfig(
            $"    client-certificate-data: {KubeTestEnvironment.Base64(alice.CertificatePem)}\n    client-key-data: {KubeTestEnvironment.Base64(encrypted)}")));
        Assert.Contains("encrypted", error.Message);
    }

    [Fact]
    public void Client_certificate_and_token_may_both_be_set()
    {
        var pem = TestCertificates.CreateClient(Ca, "aks-admin", KeyFormat.RsaPkcs1);
        var config = _env.LoadFile(Kubeconfig(
            $"    client-certificate-data: {KubeTestEnvironment.Base64(pem.CertificatePem)}\n    client-key-data: {KubeTestEnvironment.Base64(pem.KeyPem)}\n    token: aks-token"));
        Assert.Contains("client certificate", config.Authenticator.ToString());
        Assert.Contains("static token", config.Authenticator.ToString());
    }
}
