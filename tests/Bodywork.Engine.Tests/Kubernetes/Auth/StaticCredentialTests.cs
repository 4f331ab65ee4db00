using System.Text;
using Bodywork.Engine.Tests.Kubernetes.Config.Support;
using Bodywork.Models.Errors;
using Xunit;

namespace Bodywork.Engine.Tests.Kubernetes.Auth;

/// <summary>token, tokenFile, basic auth, impersonation, and the legacy auth-providers.</summary>
public class StaticCredentialTests : IDisposable
{
    private readonly KubeTestEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    private string Kubeconfig(string userBody, string server = "https://k8s.example:6443") => _env.Write("k/config", $$"""
        current-context: ctx
        clusters:
        - name: c
          cluster: {server: "{{server}}"}
        users:
        - name: u
          user:
        {{userBody}}
        contexts:
        - name: ctx
          context: {cluster: c, user: u}
        """);

    [Fact]
    public async Task Token_is_sent_as_bearer()
    {
        var config = _env.LoadFile(Kubeconfig("    token: abc.def"));
        Assert.Equal("Bearer abc.def", await AuthProbe.AuthorizationAsync(config));
        Assert.False(await config.Authenticator.RefreshAfterUnauthorizedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TokenFile_wins_over_token_while_readable_and_is_re_read()
    {
        _env.Write("k/token", "from-file\n");
        var config = _env.LoadFile(Kubeconfig("    token: inline\n    tokenFile: token"));
        Assert.Equal("Bearer from-file", await AuthProbe.AuthorizationAsync(config));

        File.WriteAllText(Path.Combine(_env.Root, "k", "token"), "rotated");
        Assert.True(await config.Authenticator.RefreshAfterUnauthorizedAsync(CancellationToken.None));
        Assert.Equal("Bearer rotated", await AuthProbe.AuthorizationAsync(config));

        File.Delete(Path.Combine(_env.Root, "k", "token"));
        _env.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("Bearer inline", await AuthProbe.AuthorizationAsync(config));
    }

    [Fact]
    public async Task Basic_auth_is_sent_for_username_and_password()
    {
        var config = _env.LoadFile(Kubeconfig("    username: admin\n    password: s3cr:et"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:s3cr:et")), await AuthProbe.AuthorizationAsync(config));
    }

    [Fact]
    public async Task Impersonation_headers_are_sent()
    {
        var config = _env.LoadFile(Kubeconfig("    token: t\n    as: jane\n    as-uid: '42'\n    as-groups: [devs, ops]\n    as-user-extra:\n      scopes: [view, edit]"));
        using var request = await AuthProbe.AuthenticateAsync(config);
        Assert.Equal(["jane"], request.Headers.GetValues("Impersonate-User"));
        Assert.Equal(["42"], request.Headers.GetValues("Impersonate-Uid"));
        Assert.Equal(["devs", "ops"], request.Headers.GetValues("Impersonate-Group"));
        Assert.Equal(["view", "edit"], request.Headers.GetValues("Impersonate-Extra-scopes"));
    }

    [Fact]
    public async Task No_credentials_over_plain_http_and_existing_authorization_is_kept()
    {
        var insecure = _env.LoadFile(Kubeconfig("    token: t", server: "http://127.0.0.1:8080"));
        Assert.Null(await AuthProbe.AuthorizationAsync(insecure));

        var config = _env.LoadFile(Kubeconfig("    token: t"));
        using var request = new HttpRequestMessage(HttpMethod.Get, config.Server);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "caller");
        await config.Authenticator.AuthenticateAsync(request, CancellationToken.None);
        Assert.Equal("Bearer caller", request.Headers.Authorization.ToString());
    }

    [Theory]
    [InlineData("gcp", "gke-gcloud-auth-plugin")]
    [InlineData("azure", "kubelogin convert-kubeconfig")]
    [InlineData("oidc", "int128")]
    [InlineData("openstack", "the auth-provider 'openstack' is not supported")]
    public void Legacy_auth_providers_fail_with_guidance(string provider, string expected)
    {
        var file = Kubeconfig($"    auth-provider:\n      name: {provider}\n      config:\n        access-token: ya29.secret-access-token\n        id-token: eyJ.secret");
        var error = Assert.Throws<BodyworkException>(() => _env.LoadFile(file));
        Assert.Equal(BodyworkErrorIds.AuthProviderUnsupported, error.ErrorId);
        Assert.Contains(expected, error.Message);
        Assert.Contains("user 'u'", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }
}
