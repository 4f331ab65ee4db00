namespace FakeKubernetes;

/// <summary>How the simulated kubelet runs pods that no <see cref="PodScripts"/> rule matches.</summary>
public enum KubeletMode
{
    /// <summary>Pods start, run briefly and succeed (exit 0); long-running pods (Deployments) stay Running and Ready.</summary>
    Succeed,

    /// <summary>The first container's <c>command</c>+<c>args</c> run as a local process with the pod's env; its output is the pod log.</summary>
    Process,

    /// <summary>Pods stay Pending until a test drives them with <see cref="PodScripts"/> methods.</summary>
    Manual,
}

/// <summary>Which credentials <see cref="FakeApiServer.WriteKubeconfig"/> puts in the user entry.</summary>
[Flags]
public enum KubeconfigCredentials
{
    /// <summary>No credentials (anonymous).</summary>
    None = 0,

    /// <summary>The server's bearer <see cref="FakeApiServer.Token"/>.</summary>
    Token = 1,

    /// <summary>A client certificate (RSA, PKCS#1 key) issued by the server's CA; only meaningful with TLS.</summary>
    ClientCertificate = 2,
}

/// <summary>Options for <see cref="FakeApiServer.StartAsync"/>.</summary>
public sealed class FakeApiServerOptions
{
    /// <summary>Default pod outcome when no pod script matches.</summary>
    public KubeletMode Kubelet { get; init; } = KubeletMode.Succeed;

    /// <summary>Serve HTTPS with a CA generated at start (server cert SANs: 127.0.0.1, localhost, <see cref="TlsServerName"/>).</summary>
    public bool Tls { get; init; }

    /// <summary>Extra DNS SAN on the server certificate (for testing <c>tls-server-name</c>).</summary>
    public string TlsServerName { get; init; } = "kubernetes.fake.local";

    /// <summary>Reject requests without a valid bearer token, basic credentials or (with TLS) client certificate: 401 Status.</summary>
    public bool RequireAuthentication { get; init; }

    /// <summary>Serve the API under a path prefix such as <c>/k8s/clusters/c-1</c> (Rancher style); empty = root.</summary>
    public string PathPrefix { get; init; } = "";

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Namespaces created at start (besides <c>default</c>, <c>kube-system</c>, <c>kube-public</c>).</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>How many watch events are kept; a watch from an older resourceVersion gets ERROR 410 Expired.</summary>
    public int WatchHistoryLimit { get; init; } = 5000;

    /// <summary>Time a simulated pod takes from creation to Running (scripts may override).</summary>
    public TimeSpan PodStartDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Time a simulated succeeding batch pod runs before it exits (KubeletMode.Succeed).</summary>
    public TimeSpan PodRunTime { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Delay before a Job controller replaces a failed pod (real clusters: 10 s doubling); kept short for tests.</summary>
    public TimeSpan JobRetryDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Interval of BOOKMARK events on watches that asked for them.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Validate request bodies against both bundled OpenAPI files (rejecting unknown fields unless fieldValidation=Ignore/Warn).</summary>
    public bool ValidateSchemas { get; init; } = true;

    /// <summary>Version reported by <c>/version</c>.</summary>
    public string KubernetesVersion { get; init; } = "v1.32.0";
}
