using Bodywork.Engine.Kubernetes.Config;
using Bodywork.Engine.Tests.Kubernetes.Config.Support;
using Bodywork.Models.Errors;
using Xunit;

namespace Bodywork.Engine.Tests.Kubernetes.Config;

/// <summary>Which files are read and how several are merged (kubectl's clientcmd rules).</summary>
public class KubeConfigFilesTests : IDisposable
{
    private readonly KubeTestEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    internal static string Config(string context, string cluster, string server, string user = "u", string token = "t", string? ns = null, string? current = null) => $"""
        apiVersion: v1
        kind: Config
        current-context: {current ?? ""}
        clusters:
        - name: {cluster}
          cluster:
            server: {server}
        users:
        - name: {user}
          user:
            token: {token}
        contexts:
        - name: {context}
          context:
            cluster: {cluster}
            user: {user}
        {(ns is null ? "" : "    namespace: " + ns)}
        """;

    [Fact]
    public void Explicit_path_wins_over_KUBECONFIG_and_home()
    {
        var explicitFile = _env.Write("explicit.yaml", Config("a", "c", "https://explicit:6443", current: "a"));
        _env.Variables["KUBECONFIG"] = _env.Write("env.yaml", Config("a", "c", "https://from-env:6443", current: "a"));
        _env.Write("home/.kube/config", Config("a", "c", "https://home:6443", current: "a"));

        var config = _env.LoadFile(explicitFile);

        Assert.Equal(new Uri("https://explicit:6443/"), config.Server);
    }

    [Fact]
    public void Explicit_path_that_does_not_exist_is_an_error_naming_it()
    {
        var error = Assert.Throws<BodyworkException>(() => _env.LoadFile(Path.Combine(_env.Root, "nope.yaml")));
        Assert.Equal(BodyworkErrorIds.KubeConfigNotFound, error.ErrorId);
        Assert.Contains("nope.yaml", error.Message);
    }

    [Fact]
    public void Explicit_relative_path_is_resolved_against_the_current_directory()
    {
        _env.Write("configs/k.yaml", Config("a", "c", "https://relative:6443", current: "a"));
        Assert.Equal("relative", _env.LoadFile("configs/k.yaml").Server.Host);
    }

    [Fact]
    public void KUBECONFIG_first_file_wins_whole_entries_and_current_context_and_missing_files_are_skipped()
    {
        var first = _env.Write("one/first.yaml", """
            current-context: ctx-a
            clusters:
            - name: shared
              cluster:
                server: https://first:6443
            contexts:
            - name: ctx-a
              context: {cluster: shared, user: only-in-second, namespace: team-a}
            """);
        var second = _env.Write("two/second.yaml", """
            current-context: ctx-b
            clusters:
            - name: shared
              cluster:
                server: https://second:6443
                insecure-skip-tls-verify: true
            - name: other
              cluster:
                server: https://other:6443
            users:
            - name: only-in-second
              user:
                token: second-token
            contexts:
            - name: ctx-b
              context: {cluster: other, user: only-in-second}
            """);
        _env.Variables["KUBECONFIG"] = string.Join(':', "", Path.Combine(_env.Root, "missing.yaml"), first, first, second, "");

        var config = _env.Load();
        Assert.Equal("ctx-a", config.ContextName);
        Assert.Equal("first", config.Server.Host);
        // The first file's "shared" wins as a whole: the second file's insecure flag is not merged in.
        Assert.False(config.InsecureSkipTlsVerify);
        Assert.Equal("team-a", config.Namespace);

        var other = _env.Load(new KubernetesConnectionOptions(Context: "ctx-b"));
        Assert.Equal("other", other.Server.Host);
        Assert.Equal("default", other.Namespace);
    }

    [Fact]
    public void Current_context_comes_from_a_later_file_when_earlier_ones_have_none()
    {
        var first = _env.Write("a.yaml", Config("ctx", "c", "https://a:6443"));
        var second = _env.Write("b.yaml", "current-context: ctx\n");
        _env.Variables["KUBECONFIG"] = first + ":" + second;
        Assert.Equal("a", _env.Load().Server.Host);
    }

    [Fact]
    public void KUBECONFIG_uses_semicolons_on_Windows_rules()
    {
        var first = _env.Write("a.yaml", Config("ctx", "c", "https://a:6443", current: "ctx"));
        var environment = new KubeConfigEnvironment
        {
            Variables = new Dictionary<string, string> { ["KUBECONFIG"] = first + ";" + Path.Combine(_env.Root, "missing.yaml") },
            IsWindows = true,
            CurrentDirectory = _env.Root,
        };
        var config = KubernetesConfigLoader.Load(new KubernetesConnectionOptions(), environment);
        Assert.Equal("a", config.Server.Host);
    }

    [Fact]
    public void Home_kube_config_is_used_without_KUBECONFIG()
    {
        _env.Write("home/.kube/config", Config("ctx", "c", "https://home:6443", current: "ctx"));
        Assert.Equal("home", _env.Load().Server.Host);
    }

    [Fact]
    public void Windows_home_prefers_the_first_variable_whose_folder_holds_a_kubeconfig()
    {
        var profile = Path.Combine(_env.Root, "profile");
        _env.Write("profile/.kube/config", Config("ctx", "c", "https://profile:6443", current: "ctx"));
        Directory.CreateDirectory(Path.Combine(_env.Root, "home-without-config"));
        var environment = new KubeConfigEnvironment
        {
            Variables = new Dictionary<string, string> { ["HOME"] = Path.Combine(_env.Root, "home-without-config"), ["USERPROFILE"] = profile },
            IsWindows = true,
        };
        Assert.Equal("profile", KubernetesConfigLoader.Load(new KubernetesConnectionOptions(), environment).Server.Host);
    }

    [Fact]
    public void Nothing_found_and_not_in_a_pod_is_a_clear_not_found_error()
    {
        _env.Variables["KUBECONFIG"] = Path.Combine(_env.Root, "missing-1.yaml") + ":" + Path.Combine(_env.Root, "missing-2.yaml");
        var error = Assert.Throws<BodyworkException>(() => _env.Load());
        Assert.Equal(BodyworkErrorIds.KubeConfigNotFound, error.ErrorId);
        Assert.Contains("missing-1.yaml", error.Message);
        Assert.Contains("KUBERNETES_SERVICE_HOST", error.Message);
    }

    [Fact]
    public void Empty_file_counts_as_an_empty_config_and_falls_back_to_in_cluster()
    {
        _env.Variables["KUBECONFIG"] = _env.Write("empty.yaml", "");
        _env.SetUpInCluster("sa-token");
        var config = _env.Load();
        Assert.Equal("in-cluster", config.ContextName);
    }

    [Fact]
    public void Kubeconfig_takes_priority_over_in_cluster()
    {
        _env.SetUpInCluster("sa-token");
        _env.Write("home/.kube/config", Config("ctx", "c", "https://home:6443", current: "ctx"));
        Assert.Equal("ctx", _env.Load().ContextName);
    }

    [Fact]
    public void Json_kubeconfig_is_read_like_yaml()
    {
        var file = _env.Write("k.json", """
            {"apiVersion":"v1","kind":"Config","current-context":"j","preferences":{},
             "clusters":[{"name":"c","cluster":{"server":"https://json:6443","extensions":[{"name":"x","extension":{"a":1}}]}}],
             "users":[{"name":"u","user":{"token":"abc"}}],
             "contexts":[{"name":"j","context":{"cluster":"c","user":"u","namespace":"ns-j"}}]}
            """);
        var config = _env.LoadFile(file);
        Assert.Equal("json", config.Server.Host);
        Assert.Equal("ns-j", config.Namespace);
    }

    [Fact]
    public void Kind_may_differ_between_files()
    {
        var first = _env.Write("a.yaml", "kind: Config\n" + Config("ctx", "c", "https://a:6443", current: "ctx").Replace("kind: Config\n", ""));
        var second = _env.Write("b.yaml", "kind: Something\nclusters: []\n");
        _env.Variables["KUBECONFIG"] = first + ":" + second;
        Assert.Equal("a", _env.Load().Server.Host);
    }
}
