using System.Text.Json.Nodes;

namespace FakeKubernetes;

/// <summary>
/// An in-process fake Kubernetes API server on 127.0.0.1 that works on raw JSON. Start it with
/// <see cref="StartAsync"/>, point a client at <see cref="Url"/> (or a kubeconfig from <see cref="WriteKubeconfig"/>),
/// then seed and assert through <see cref="Store"/>, script pods with <see cref="Pods"/>, inject faults with
/// <see cref="Faults"/>. Disposing stops the server and kills every process the process kubelet started.
/// </summary>
public sealed partial class FakeApiServer : IAsyncDisposable
{
    /// <summary>Starts a server with the given options (defaults: HTTP, no auth, <see cref="KubeletMode.Succeed"/>).</summary>
    public static Task<FakeApiServer> StartAsync(FakeApiServerOptions? options = null, CancellationToken cancellationToken = default) =>
        StartCoreAsync(options ?? new FakeApiServerOptions(), cancellationToken);

    /// <summary>Base URL including any path prefix, without trailing slash, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; private set; } = "";

    /// <summary>The options the server was started with.</summary>
    public FakeApiServerOptions Options { get; }

    /// <summary>A bearer token the server accepts (always valid, unlimited uses).</summary>
    public string Token { get; } = "fake-token-" + Guid.NewGuid().ToString("N");

    /// <summary>PEM of the CA that signed the server and client certificates; null without TLS.</summary>
    public string? CaCertificatePem => _tls?.CaCertificatePem;

    /// <summary>A client certificate (RSA, PKCS#1 key, user <c>fake-admin</c>) the server accepts; null without TLS.</summary>
    public FakeClientCertificate? ClientCertificate { get; private set; }

    /// <summary>Seeding, inspection and waiting on the stored objects (raw JSON, deep copies).</summary>
    public FakeStore Store { get; }

    /// <summary>Counts of requests by verb and resource, for benchmarks and "no extra calls" assertions.</summary>
    public RequestCounters Counters { get; } = new();

    /// <summary>Fault injection: error bursts, slow answers, connection resets, dropped/expired/stalled watches.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Scripted pod outcomes and manual pod control (the simulated kubelet).</summary>
    public PodScripts Pods { get; }

    /// <summary>The most recent requests (newest last, bounded), with headers and bodies, for protocol assertions.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requestLog.Snapshot();

    /// <summary>Accepts <paramref name="token"/> as a bearer token for <paramref name="userName"/>; after <paramref name="uses"/> requests it is rejected with 401.</summary>
    public void AddToken(string token, string userName = "token-user", int? uses = null) => _auth.AddToken(token, userName, uses);

    /// <summary>Accepts HTTP basic credentials.</summary>
    public void AddBasicUser(string userName, string password) => _auth.AddBasic(userName, password);

    /// <summary>Issues a client certificate signed by the server's CA with the key in the requested PEM format (TLS only).</summary>
    public FakeClientCertificate IssueClientCertificate(string userName, ClientKeyFormat format = ClientKeyFormat.RsaPkcs1) =>
        (_tls ?? throw new InvalidOperationException("Client certificates need FakeApiServerOptions.Tls = true.")).IssueClientCertificate(userName, format);

    /// <summary>
    /// Writes a kubeconfig (YAML) with cluster/user/context named <paramref name="contextName"/> as current context,
    /// CA data when TLS is on, and the requested credentials; returns <paramref name="path"/>.
    /// </summary>
    public string WriteKubeconfig(string path, string @namespace = "default",
        KubeconfigCredentials credentials = KubeconfigCredentials.Token | KubeconfigCredentials.ClientCertificate,
        string contextName = "fake")
    {
        File.WriteAllText(path, Kubeconfig.Render(this, @namespace, credentials, contextName));
        return path;
    }

    /// <summary>
    /// Runs <c>kubectl create job --from=cronjob/NAME</c>'s equivalent: creates a Job from the CronJob's jobTemplate with
    /// a controller owner reference and <c>cronjob.kubernetes.io/instantiate: manual</c>; updates the CronJob's
    /// <c>status.active</c> and <c>lastScheduleTime</c>. Returns the created Job.
    /// </summary>
    public JsonObject TriggerCronJob(string @namespace, string name, string? jobName = null) => _controllers.TriggerCronJob(@namespace, name, jobName);

    /// <summary>
    /// Validates a complete object strictly against both bundled OpenAPI files plus name/label rules, as the fake does
    /// for request bodies; returns the causes (empty when valid).
    /// </summary>
    public static IReadOnlyList<FakeValidationCause> Validate(JsonObject obj) => ObjectValidator.Shared.ValidateForCreate(obj, strictUnknown: true);
}

/// <summary>Key format of an issued client certificate.</summary>
public enum ClientKeyFormat
{
    /// <summary><c>RSA PRIVATE KEY</c> (kind, minikube, kubeadm).</summary>
    RsaPkcs1,

    /// <summary><c>EC PRIVATE KEY</c> (k3s).</summary>
    EcSec1,

    /// <summary><c>EC PARAMETERS</c> block followed by <c>EC PRIVATE KEY</c>.</summary>
    EcSec1WithParameters,

    /// <summary><c>PRIVATE KEY</c> holding an RSA key.</summary>
    Pkcs8Rsa,

    /// <summary><c>PRIVATE KEY</c> holding an EC key.</summary>
    Pkcs8Ec,
}

/// <summary>A client certificate and its private key, both PEM text.</summary>
public sealed record FakeClientCertificate(string UserName, string CertificatePem, string KeyPem);

/// <summary>One request as the server saw it (headers lower-cased; body as text, null when empty).</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string? Body, string? User, int StatusCode);

/// <summary>One validation problem, shaped like a Kubernetes <c>StatusCause</c>.</summary>
public sealed record FakeValidationCause(string Type, string Field, string Message);
