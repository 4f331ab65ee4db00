using Bodywork.Engine.Kubernetes.Config;
using Bodywork.Engine.Tests.Kubernetes.Config.Support;
using Bodywork.Models.Errors;
using Xunit;

namespace Bodywork.Engine.Tests.Kubernetes.Config;

/// <summary>Contexts, namespaces, relative paths and the cluster fields.</summary>
public class KubeConfigContextTests : IDisposable
{
    private readonly KubeTestEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    private const string TwoContexts = """
        current-context: dev
        clusters:
        - name: c
          cluster:
            server: https://rancher.example.com/k8s/clusters/c-abc12?x=1#frag
        users:
        - name: u
          user: {token: t}
        contexts:
        - name: dev
          context: {cluster: c, user: u, namespace: dev-ns}
        - name: Dev
          context: {cluster: c, user: u}
        - name: no-user
          context: {cluster: c, user: ghost}
        - name: no-cluster
          context: {cluster: ghost, user: u}
        """;

    [Fact]
    public void Named_context_is_matched_case_sensitively()
    {
        var file = _env.Write("k.yaml", TwoContexts);
        Assert.Equal("dev-ns", _env.LoadFile(file).Namespace);
        Assert.Equal("default", _env.LoadFile(file, context: "Dev").Namespace);
        var error = Assert.Throws<BodyworkException>(() => _env.LoadFile(file, context: "DEV"));
        Assert.Contains("context was not found for specified context: DEV", error.Message);
        Assert.Contains("Dev, dev", error.Message);
    }

    [Fact]
    public void Namespace_option_wins_over_the_context_namespace_and_is_validated()
    {
        var file = _env.Write("k.yaml", TwoContexts);
        Assert.Equal("override", _env.LoadFile(file, ns: "override").Namespace);
        var error = Assert.Throws<BodyworkException>(() => _env.LoadFile(file, ns: "Bad_Name"));
        Assert.Contains("DNS-1123", error.Message);
    }

    [Fact]
    public void Server_keeps_its_path_prefix_and_drops_query_and_fragment()
    {
        var config = _env.LoadFile(_env.Write("k.yaml", TwoContexts));
        Assert.Equal("https://rancher.example.com/k8s/clusters/c-abc12/", config.Server.ToString());
        Assert.Equal("https://rancher.example.com/k8s/clusters/c-abc12/api/v1/namespaces", new Uri(config.Server, "api/v1/namespaces").ToString());
    }

    [Fact]
    public async Task A_missing_user_means_anonymous()
    {
        var config = _env.LoadFile(_env.Write("k.yaml", TwoContexts), context: "no-user");
        Assert.Null(await AuthProbe.AuthorizationAsync(config));
    }

    [Fact]
    public void A_missing_cluster_says_no_server_found()
    {
        var error = Assert.Throws<BodyworkException>(() => _env.LoadFile(_env.Write("k.yaml", TwoContexts), context: "no-cluster"));
        Assert.Contains("no server found for cluster 'ghost'", error.Message);
        Assert.Contains("contexts[no-cluster].context.cluster", error.Message);
    }

    [Fact]
    public void A_missing_current_context_is_an_error()
    {
        var file = _env.Write("k.yaml", TwoContexts.Replace("current-context: dev", "current-context: gone"));
        var error = Assert.Throws<BodyworkException>(() => _env.LoadFile(file));
        Assert.Contains("context was not found for specified context: gone", error.Message);
    }

    [Fact]
    public void Relative_paths_resolve_against_the_file_that_defines_each_entry()
    {
        var certs = TestCertificates.CreateClient(TestCertificates.CreateCa("client-ca"), "alice", TestCertificates.KeyFormat.RsaPkcs1);
        var ca = TestCertificates.Pem(TestCertificates.CreateCa("server-ca"));
        _env.Write("first/pki/ca.crt", ca);
        _env.Write("second/pki/client.crt", certs.CertificatePem);
        _env.Write("second/pki/client.key", certs.KeyPem);
        _env.Write("second/tokens/t", "file-token");
        var first = _env.Write("first/config", """
            current-context: ctx
            clusters:
            - name: c
              cluster: {server: "https://a:6443", certificate-authority: pki/ca.crt}
            contexts:
            - name: ctx
              context: {cluster: c, user: u}
            """);
        var second = _env.Write("second/config", """
            users:
            - name: u
              user:
                client-certificate: pki/client.crt
                client-key: ./pki/client.key
                tokenFile: tokens/t
            """);
        _env.Variables["KUBECONFIG"] = first + ":" + second;

        var config = _env.Load();
        Assert.Equal("a", config.Server.Host);
        Assert.Contains("client certificate", config.Authenticator.ToString());
        Assert.Contains(Path.Combine(_env.Root, "second", "tokens", "t"), config.Authenticator.ToString());
    }

    [Fact]
    public void Cluster_fields_are_read()
    {
        var file = _env.Write("k.yaml", """
            current-context: ctx
            clusters:
            - name: c
              cluster:
                server: https://10.1.2.3:443
                tls-server-name: kubernetes.default.svc
                proxy-url: socks5://proxy.local:1080
                disable-compression: true
                insecure-skip-tls-verify: false
            contexts:
            - name: ctx
              context: {cluster: c}
            """);
        var config = _env.LoadFile(file);
        Assert.Equal("kubernetes.default.svc", config.TlsServerName);
        Assert.Equal(new Uri("socks5://proxy.local:1080"), config.ProxyUrl);
        Assert.True(config.DisableCompression);
        Assert.False(config.InsecureSkipTlsVerify);
        using var handler = config.CreateHandler();
        Assert.NotNull(handler);
    }

    public static TheoryData<string, string, string> InvalidFiles => new()
    {
        // body of the kubeconfig (context ctx, cluster c, user u), the key the error names, and what it says
        { "clusters:\n- name: c\n  cluster: {server: https://a, insecure-skip-tls-verify: true, certificate-authority-data: QUJD}\n",
            "clusters[c].cluster.insecure-skip-tls-verify", "specifying a root certificates file with the insecure flag is not allowed" },
        { "clusters:\n- name: c\n  cluster: {server: https://a, certificate-authority: /x, certificate-authority-data: QUJD}\n",
            "clusters[c].cluster.certificate-authority-data", "both specified" },
        { "clusters:\n- name: c\n  cluster: {server: https://a, certificate-authority-data: QUJD}\n",
            "clusters[c].cluster.certificate-authority-data", "expected one or more PEM certificates" },
        { "clusters:\n- name: c\n  cluster: {server: https://a, certificate-authority-data: '%%%'}\n",
            "clusters[c].cluster.certificate-authority-data", "expected standard base64" },
        { "clusters:\n- name: c\n  cluster: {server: https://a, certificate-authority: missing-ca.crt}\n",
            "clusters[c].cluster.certificate-authority", "missing-ca.crt' cannot be read" },
        { "clusters:\n- name: c\n  cluster: {server: https://a, proxy-url: 'ftp://p:21'}\n",
            "clusters[c].cluster.proxy-url", "expected an http, https or socks5 URL, found 'ftp://p:21'" },
        { "clusters:\n- name: c\n  cluster: {server: 'not a url'}\n", "clusters[c].cluster.server", "expected an http or https URL" },
        { "clusters:\n- name: c\n  cluster: {}\n", "clusters[c].cluster.server", "no server found for cluster 'c'" },
        { "clusters:\n- name: c\n  cluster: {server: https://a, insecure-skip-tls-verify: maybe}\n",
            "clusters[c].cluster.insecure-skip-tls-verify", "expected true or false, found 'maybe'" },
        { "clusters:\n- name: c\n  cluster: {server: https://a}\n- name: c\n  cluster: {server: https://b}\n",
            "clusters[1].name", "the name 'c' appears more than once in clusters (first at line 3)" },
        { "clusters: {c: 1}\n", "clusters", "expected a list of {name, cluster} entries" },
        { "clusters:\n- name: c\n  cluster: {server: https://a}\nusers:\n- name: u\n  user: {token: t, username: bob, password: p}\n",
            "users[u].user.username", "more than one authentication method found" },
        { "clusters:\n- name: c\n  cluster: {server: https://a}\nusers:\n- name: u\n  user: {client-certificate-data: QUJD}\n",
            "users[u].user.client-key", "client-certificate is set but no client-key" },
        { "clusters:\n- name: c\n  cluster: {server: https://a}\nusers:\n- name: u\n  user: {client-certificate: /a, client-certificate-data: QUJD, client-key: /b}\n",
            "users[u].user.client-certificate-data", "client-cert-data and client-cert are both specified" },
        { "clusters:\n- name: c\n  cluster: {server: https://a}\nusers:\n- name: u\n  user: {as-groups: [admins]}\n",
            "users[u].user.as", "need 'as'" },
        { "clusters:\n- name: c\n  cluster: {server: https://a}\nusers:\n- name: u\n  user: {tokenFile: no-such-token}\n",
            "users[u].user.tokenFile", "does not exist" },
        { "clusters:\n- name: c\n  cluster: {server: https://a}\nusers:\n- name: u\n  user:\n    exec: {command: x}\n",
            "users[u].user.exec.apiVersion", "found none" },
        { "clusters:\n- name: c\n  cluster: {server: https://a}\nusers:\n- name: u\n  user:\n    exec: {apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never}\n",
            "users[u].user.exec.command", "expected the plugin's command" },
        { "clusters:\n- name: c\n  cluster: {server: https://a}\nusers:\n- name: u\n  user:\n    exec: {command: aws, apiVersion: client.authentication.k8s.io/v1alpha1}\n",
            "users[u].user.exec.apiVersion", "exec plugin: invalid apiVersion 'client.authentication.k8s.io/v1alpha1'" },
        { "clusters:\n- name: c\n  cluster: {server: https://a}\nusers:\n- name: u\n  user:\n    exec: {command: x, apiVersion: client.authentication.k8s.io/v1}\n",
            "users[u].user.exec.interactiveMode", "interactiveMode must be specified" },
        { "clusters:\n- name: c\n  cluster: {server: https://a}\nusers:\n- name: u\n  user:\n    exec: {command: x, apiVersion: client.authentication.k8s.io/v1, interactiveMode: Sometimes}\n",
            "users[u].user.exec.interactiveMode", "expected Never, IfAvailable or Always, found 'Sometimes'" },
        { "clusters:\n- name: c\n  cluster: {server: https://a}\nusers:\n- name: u\n  user:\n    exec: {command: x, apiVersion: client.authentication.k8s.io/v1, interactiveMode: '1'}\n",
            "users[u].user.exec.interactiveMode", "expected Never, IfAvailable or Always, found '1'" },
        { "clusters:\n- name: c\n  cluster: {server: https://a}\nusers:\n- name: u\n  user:\n    exec: {command: x, apiVersion: client.authentication.k8s.io/v1beta1, env: [{value: v}]}\n",
            "users[u].user.exec.env[0].name", "expected an environment variable name" },
        { "clusters:\n- name: c\n  cluster: {server: https://a}\nusers:\n- name: u\n  user:\n    exec: {command: x, apiVersion: client.authentication.k8s.io/v1beta1}\n    auth-provider: {name: gcp}\n",
            "users[u].user.exec", "exec and auth-provider are both set" },
        { "clusters:\n- name: c\n  cluster: {server: https://a}\ncontexts:\n- name: ctx\n  context: {cluster: c, namespace: Not_Valid}\n",
            "contexts[ctx].context.namespace", "namespace 'Not_Valid' must consist of lower case" },
        { "clusters: [\n", "", "not valid YAML or JSON" },
    };

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Invalid_kubeconfig_fails_naming_file_and_key(string body, string key, string message)
    {
        if (!body.Contains("contexts:", StringComparison.Ordinal))
        {
            body += "contexts:\n- name: ctx\n  context: {cluster: c, user: u}\n";
        }
        var file = _env.Write("bad/config.yaml", "current-context: ctx\n" + body);

        var error = Assert.Throws<BodyworkException>(() => _env.LoadFile(file));

        Assert.Equal(BodyworkErrorIds.KubeConfigInvalid, error.ErrorId);
        Assert.Contains($"kubeconfig '{file}'", error.Message);
        if (key.Length > 0)
        {
            Assert.Contains($"kubeconfig '{file}' line ", error.Message);
            Assert.Contains($"key '{key}'", error.Message);
        }
        Assert.Contains(message, error.Message);
    }
}
