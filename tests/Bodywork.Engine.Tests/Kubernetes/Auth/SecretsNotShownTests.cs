using Bodywork.Engine.Tests.Kubernetes.Config.Support;
using Bodywork.Models.Errors;
using Xunit;

namespace Bodywork.Engine.Tests.Kubernetes.Auth;

/// <summary>Tokens, passwords and keys never reach ToString(), messages or exception text.</summary>
public class SecretsNotShownTests : IDisposable
{
    private static readonly string[] Secrets = ["tok-SECRET-1", "pw-SECRET-2", "env-SECRET-3", "proxy-SECRET-4", "provider-SECRET-5", "url-SECRET-6"];
    private readonly KubeTestEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    private string Write(string cluster, string user) => _env.Write("k/config", $$"""
        current-context: ctx
        clusters:
        - name: c
          cluster:
        {{cluster}}
        users:
        - name: u
          user:
        {{user}}
        contexts:
        - name: ctx
          context: {cluster: c, user: u}
        """);

    private static void AssertClean(string text)
    {
        foreach (var secret in Secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"'{secret}' leaked into: {text}");
        }
    }

    [Fact]
    public void Loaded_config_and_authenticator_text_holds_no_secret()
    {
        _env.Write("k/token", "tok-SECRET-1");
        var withToken = _env.LoadFile(Write("    server: https://a:6443\n    proxy-url: http://user:proxy-SECRET-4@proxy:3128", "    tokenFile: token"));
        AssertClean(withToken.ToString() + withToken.Authenticator + withToken.ProxyUrl);
        Assert.Equal(new Uri("http://proxy:3128"), withToken.ProxyUrl);

        var withBasic = _env.LoadFile(Write("    server: https://a:6443", "    username: admin\n    password: pw-SECRET-2"));
        AssertClean(withBasic.ToString() + withBasic.Authenticator);

        var withExec = _env.LoadFile(Write("    server: https://a:6443",
            "    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: plugin\n      env: [{name: KEY, value: env-SECRET-3}]"));
        AssertClean(withExec.ToString() + withExec.Authenticator);
    }

    public static TheoryData<string, string> FailingConfigs => new()
    {
        { "    server: https://a:6443", "    token: tok-SECRET-1\n    username: u\n    password: pw-SECRET-2" },
        { "    server: 'https://admin:url-SECRET-6@a b'", "    token: tok-SECRET-1" },
        { "    server: https://a:6443\n    proxy-url: 'ftp://user:proxy-SECRET-4@proxy:21'", "    token: tok-SECRET-1" },
        { "    server: https://a:6443", "    auth-provider:\n      name: gcp\n      config: {access-token: provider-SECRET-5}" },
        { "    server: https://a:6443", "    auth-provider:\n      name: oidc\n      config: {id-token: provider-SECRET-5, client-secret: provider-SECRET-5}" },
        { "    server: https://a:6443", "    client-certificate-data: dG9rLVNFQ1JFVC0x\n    client-key-data: cHctU0VDUkVULTI=" },
    };

    [Theory]
    [MemberData(nameof(FailingConfigs))]
    public void Load_errors_hold_no_secret(string cluster, string user)
    {
        var error = Assert.Throws<BodyworkException>(() => _env.LoadFile(Write(cluster, user)));
        AssertClean(error.ToString());
        AssertClean(error.RecommendedAction ?? "");
        AssertClean(error.Target?.ToString() ?? "");
    }

    [Fact]
    public async Task Exec_plugin_errors_hold_no_secret()
    {
        _env.WriteScript("k/plugin", """
            #!/bin/sh
            printf '{"apiVersion":"wrong","kind":"ExecCredential","status":{"token":"tok-SECRET-1"}}'
            """);
        var config = _env.LoadFile(Write("    server: https://a:6443",
            "    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: ./plugin\n      env: [{name: KEY, value: env-SECRET-3}]"));

        var error = await Assert.ThrowsAsync<BodyworkException>(() => AuthProbe.AuthorizationAsync(config));

        Assert.Contains("apiVersion 'wrong'", error.Message);
        AssertClean(error.ToString());
    }
}
