using System.Text.Json;
using Bodywork.Engine.Kubernetes.Config;
using Bodywork.Engine.Tests.Kubernetes.Config.Support;
using Bodywork.Models.Errors;
using Xunit;

namespace Bodywork.Engine.Tests.Kubernetes.Auth;

/// <summary>Exec credential plugins, run for real as small shell scripts the tests write.</summary>
public class ExecPluginTests : IDisposable
{
    private const string V1 = "client.authentication.k8s.io/v1";
    private const string V1Beta1 = "client.authentication.k8s.io/v1beta1";

    // Counts its runs, records its args and KUBERNETES_EXEC_INFO, says something on stderr, answers with
    // response.json if present, else a token numbered by the run.
    private const string Plugin = """
        #!/bin/sh
        dir="$(dirname "$0")"
        n=$(( $(cat "$dir/count" 2>/dev/null || echo 0) + 1 ))
        echo $n > "$dir/count"
        printf '%s\n' "$@" > "$dir/args.$n"
        printf '%s' "$KUBERNETES_EXEC_INFO" > "$dir/info.$n"
        printf '%s' "$PLUGIN_ENV" > "$dir/env.$n"
        echo "To sign in, open https://login.example/device and enter the code" >&2
        if [ -n "$PLUGIN_SLEEP" ]; then sleep "$PLUGIN_SLEEP"; fi
        if [ -f "$dir/response.json" ]; then cat "$dir/response.json"; exit 0; fi
        printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"tok-%s","expirationTimestamp":"%s"}}' "$API" "$n" "$EXPIRY"
        """;

    private readonly KubeTestEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    private string PluginDir => Path.Combine(_env.Root, "k", "bin");

    private int Runs => File.Exists(Path.Combine(PluginDir, "count")) ? int.Parse(File.ReadAllText(Path.Combine(PluginDir, "count")).Trim()) : 0;

    private string Kubeconfig(string command = "./bin/plugin", string apiVersion = V1, string extraExec = "      interactiveMode: Never\n",
        string expiry = "", string clusterExtra = "", string sleep = "")
    {
        _env.WriteScript("k/bin/plugin", Plugin);
        return _env.Write("k/config", $$"""
            current-context: ctx
            clusters:
            - name: c
              cluster:
                server: https://gke.example:443
            {{clusterExtra}}
            users:
            - name: u
              user:
                exec:
                  apiVersion: {{apiVersion}}
                  command: {{command}}
                  args: ["get-token", "--cluster name", ""]
                  env:
                  - {name: API, value: "{{apiVersion}}"}
                  - {name: EXPIRY, value: "{{expiry}}"}
                  - {name: PLUGIN_ENV, value: "from kubeconfig"}
                  - {name: PLUGIN_SLEEP, value: "{{sleep}}"}
                  installHint: "Install it from https://example.invalid/plugin"
            {{extraExec}}
            contexts:
            - name: ctx
              context: {cluster: c, user: u}
            """);
    }

    [Fact]
    public async Task V1_plugin_relative_to_the_kubeconfig_gets_args_env_and_exec_info_and_its_token_is_sent()
    {
        var config = _env.LoadFile(Kubeconfig());
        Assert.Equal(0, Runs); // lazily: not while loading

        Assert.Equal("Bearer tok-1", await AuthProbe.AuthorizationAsync(config));

        Assert.Equal("get-token\n--cluster name\n\n", File.ReadAllText(Path.Combine(PluginDir, "args.1")));
        Assert.Equal("from kubeconfig", File.ReadAllText(Path.Combine(PluginDir, "env.1")));
        using var info = JsonDocument.Parse(File.ReadAllText(Path.Combine(PluginDir, "info.1")));
        Assert.Equal(V1, info.RootElement.GetProperty("apiVersion").GetString());
        Assert.Equal("ExecCredential", info.RootElement.GetProperty("kind").GetString());
        Assert.False(info.RootElement.GetProperty("spec").GetProperty("interactive").GetBoolean());
        Assert.False(info.RootElement.GetProperty("spec").TryGetProperty("cluster", out _));
    }

    [Fact]
    public async Task V1beta1_plugin_is_found_on_PATH_and_stderr_reaches_the_user()
    {
        _env.Variables["PATH"] = Path.Combine(_env.Root, "k", "bin") + ":" + _env.Variables["PATH"];
        var config = _env.LoadFile(Kubeconfig(command: "plugin", apiVersion: V1Beta1, extraExec: ""));

        Assert.Equal("Bearer tok-1", await AuthProbe.AuthorizationAsync(config));
        Assert.Contains("To sign in, open https://login.example/device and enter the code", _env.PluginStandardError);
    }

    [Fact]
    public async Task Credential_is_cached_until_it_expires_and_rerun_after_a_401()
    {
        var expiry = _env.Clock.GetUtcNow().AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var config = _env.LoadFile(Kubeconfig(expiry: expiry));

        Assert.Equal("Bearer tok-1", await AuthProbe.AuthorizationAsync(config));
        _env.Clock.Advance(TimeSpan.FromMinutes(50));
        Assert.Equal("Bearer tok-1", await AuthProbe.AuthorizationAsync(config));
        // A second config from the same kubeconfig shares the cached credential.
        var again = _env.LoadFile(Path.Combine(_env.Root, "k", "config"));
        Assert.Equal("Bearer tok-1", await AuthProbe.AuthorizationAsync(again));
        Assert.Equal(1, Runs);

        // A 401 re-runs it at once, for every config sharing it.
        Assert.True(await config.Authenticator.RefreshAfterUnauthorizedAsync(CancellationToken.None));
        Assert.Equal(2, Runs);
        Assert.Equal("Bearer tok-2", await AuthProbe.AuthorizationAsync(again));

        // Within 30 s of expiry the plugin runs again.
        _env.Clock.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(45));
        Assert.Equal("Bearer tok-3", await AuthProbe.AuthorizationAsync(config));
        Assert.Equal(3, Runs);
    }

    [Fact]
    public async Task Parallel_requests_run_the_plugin_once()
    {
        // The plugin takes a moment, so the requests overlap while it runs.
        var config = _env.LoadFile(Kubeconfig(sleep: "0.3"));

        var headers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => AuthProbe.AuthorizationAsync(config)));

        Assert.All(headers, h => Assert.Equal("Bearer tok-1", h));
        Assert.Equal(1, Runs);
    }

    [Fact]
    public async Task ProvideClusterInfo_passes_the_cluster_to_the_plugin()
    {
        var ca = TestCertificates.Pem(TestCertificates.CreateCa("gke-ca"));
        var clusterExtra = $"""
                certificate-authority-data: {KubeTestEnvironment.Base64(ca)}
                tls-server-name: kubernetes.default
                extensions:
                - name: client.authentication.k8s.io/exec
                  extension:
                    audience: "https://gke.example"
                    retries: 3
            """;
        var config = _env.LoadFile(Kubeconfig(extraExec: "      interactiveMode: IfAvailable\n      provideClusterInfo: true\n", clusterExtra: clusterExtra));

        await AuthProbe.AuthorizationAsync(config);

        using var info = JsonDocument.Parse(File.ReadAllText(Path.Combine(PluginDir, "info.1")));
        var cluster = info.RootElement.GetProperty("spec").GetProperty("cluster");
        Assert.Equal("https://gke.example:443", cluster.GetProperty("server").GetString());
        Assert.Equal("kubernetes.default", cluster.GetProperty("tls-server-name").GetString());
        Assert.Equal(ca, System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cluster.GetProperty("certificate-authority-data").GetString()!)));
        Assert.Equal("https://gke.example", cluster.GetProperty("config").GetProperty("audience").GetString());
        Assert.Equal(3, cluster.GetProperty("config").GetProperty("retries").GetInt32());
    }

    [Fact]
    public async Task Missing_command_names_it_and_shows_the_install_hint_without_ansi()
    {
        var file = Kubeconfig(command: "bodywork-test-missing-auth-plugin");
        File.WriteAllText(file, File.ReadAllText(file).Replace(
            "installHint: \"Install it from https://example.invalid/plugin\"",
            "installHint: \"\\e[1mbodywork-test-missing-auth-plugin\\e[0m is needed: gcloud components install gke-gcloud-auth-plugin\""));
        var config = _env.LoadFile(file);

        var error = await Assert.ThrowsAsync<BodyworkException>(() => AuthProbe.AuthorizationAsync(config));

        Assert.Equal(BodyworkErrorIds.ExecPluginNotFound, error.ErrorId);
        Assert.Equal(BodyworkErrorCategory.NotInstalled, error.Category);
        Assert.Contains("exec plugin: executable bodywork-test-missing-auth-plugin not found", error.Message);
        Assert.Contains("bodywork-test-missing-auth-plugin is needed: gcloud components install gke-gcloud-auth-plugin", error.Message);
        Assert.False(error.Message.Contains('\u001b'), "the message still holds an escape character");
    }

    [Fact]
    public async Task Failing_gke_gcloud_auth_plugin_gives_a_clear_message_and_its_stderr()
    {
        _env.WriteScript("k/bin/gke-gcloud-auth-plugin", """
            #!/bin/sh
            echo "ERROR: gcloud crashed (OSError): [Errno 2] No such file or directory: 'gcloud'" >&2
            exit 1
            """);
        var config = _env.LoadFile(Kubeconfig(command: "bin/gke-gcloud-auth-plugin", apiVersion: V1Beta1, extraExec: "      provideClusterInfo: true\n"));

        var error = await Assert.ThrowsAsync<BodyworkException>(() => AuthProbe.AuthorizationAsync(config));

        Assert.Equal(BodyworkErrorIds.ExecPluginFailed, error.ErrorId);
        Assert.Contains("gke-gcloud-auth-plugin failed with exit code 1", error.Message);
        Assert.Contains("user 'u'", error.Message);
        Assert.Contains(_env.PluginStandardError, line => line.Contains("gcloud crashed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Real_gke_gcloud_auth_plugin_without_a_login_fails_clearly()
    {
        // GKE kubeconfigs name the plugin bare, to be found on PATH; with no gcloud account it exits 1.
        _env.Variables["CLOUDSDK_CONFIG"] = Path.Combine(_env.Root, "gcloud");
        var file = Kubeconfig(command: "gke-gcloud-auth-plugin", apiVersion: V1Beta1, extraExec: "      provideClusterInfo: true\n");
        var config = _env.LoadFile(file);
        var installed = (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Any(d => File.Exists(Path.Combine(d, "gke-gcloud-auth-plugin")));

        var error = await Assert.ThrowsAsync<BodyworkException>(() => AuthProbe.AuthorizationAsync(config));

        if (installed)
        {
            Assert.Equal(BodyworkErrorIds.ExecPluginFailed, error.ErrorId);
            Assert.Contains("exec plugin: executable gke-gcloud-auth-plugin failed with exit code", error.Message);
            Assert.NotEmpty(_env.PluginStandardError);
        }
        else
        {
            Assert.Equal(BodyworkErrorIds.ExecPluginNotFound, error.ErrorId);
            Assert.Contains("Install it from https://example.invalid/plugin", error.Message);
        }
    }

    [Fact]
    public async Task InteractiveMode_Always_without_a_terminal_fails_clearly()
    {
        var config = _env.LoadFile(Kubeconfig(extraExec: "      interactiveMode: Always\n"));
        var error = await Assert.ThrowsAsync<BodyworkException>(() => AuthProbe.AuthorizationAsync(config));
        Assert.Contains("interactiveMode: Always", error.Message);
        Assert.Contains("standard input is redirected", error.Message);
        Assert.Equal(0, Runs);
    }

    [Theory]
    [InlineData("{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"x\"}}", "answered with apiVersion 'client.authentication.k8s.io/v1beta1', expected 'client.authentication.k8s.io/v1'")]
    [InlineData("{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\"}", "without a 'status'")]
    [InlineData("{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"clientCertificateData\":\"-----BEGIN CERTIFICATE-----\"}}", "only one of status.clientCertificateData and status.clientKeyData")]
    [InlineData("{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{}}", "neither status.token nor")]
    [InlineData("{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredentials\",\"status\":{\"token\":\"x\"}}", "expected 'ExecCredential'")]
    [InlineData("token=super-secret-value", "not an ExecCredential JSON object")]
    public async Task Bad_plugin_output_is_rejected(string output, string expected)
    {
        var config = _env.LoadFile(Kubeconfig());
        File.WriteAllText(Path.Combine(PluginDir, "response.json"), output);

        var error = await Assert.ThrowsAsync<BodyworkException>(() => AuthProbe.AuthorizationAsync(config));

        Assert.Equal(BodyworkErrorIds.ExecPluginFailed, error.ErrorId);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("super-secret-value", error.ToString());
    }

    [Fact]
    public async Task Plugin_client_certificate_is_used_for_TLS_and_no_token_is_sent()
    {
        var pem = TestCertificates.CreateClient(TestCertificates.CreateCa("exec-ca"), "exec-user", TestCertificates.KeyFormat.EcSec1);
        var config = _env.LoadFile(Kubeconfig());
        File.WriteAllText(Path.Combine(PluginDir, "response.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["apiVersion"] = V1,
            ["kind"] = "ExecCredential",
            ["status"] = new Dictionary<string, string> { ["clientCertificateData"] = pem.CertificatePem, ["clientKeyData"] = pem.KeyPem },
        }));

        Assert.Null(await AuthProbe.AuthorizationAsync(config));
        Assert.Equal(1, Runs);
        Assert.Contains("exec plugin", config.Authenticator.ToString());
    }
}
