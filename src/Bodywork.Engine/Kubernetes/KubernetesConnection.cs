using Bodywork.Engine.Kubernetes.Auth;
using Bodywork.Engine.Kubernetes.Client;

namespace Bodywork.Engine.Kubernetes;

/// <summary>
/// One open connection to a cluster: the typed API plus where it points. Create it with
/// <see cref="KubernetesClientFactory.Create(Config.KubernetesConnectionOptions, KubernetesClientOptions?)"/>
/// (or, in tests, the public constructor with the fake server's URL). Thread-safe; dispose once.
/// </summary>
public sealed class KubernetesConnection : IDisposable
{
    private readonly KubernetesTransport _transport;

    /// <summary>Connects to <paramref name="server"/> through <paramref name="handler"/> (owned and disposed by the connection).</summary>
    /// <param name="server">API server base URL; may include a path prefix.</param>
    /// <param name="handler">HTTP handler (TLS, client certificates, proxy) — or a test stub.</param>
    /// <param name="authenticator">Adds credentials to each request; null for none.</param>
    /// <param name="namespaceName">Default namespace of the context.</param>
    /// <param name="contextName">Kubeconfig context name, for messages.</param>
    /// <param name="options">Client tuning; null for defaults.</param>
    public KubernetesConnection(Uri server, HttpMessageHandler handler, IKubernetesAuthenticator? authenticator,
        string namespaceName = "default", string contextName = "default", KubernetesClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(handler);
        Options = options ?? KubernetesClientOptions.Default;
        _transport = new KubernetesTransport(server, handler, authenticator, Options, disposeHandler: true);
        Server = server;
        Namespace = namespaceName;
        ContextName = contextName;
        Api = new KubernetesApi(_transport);
    }

    /// <summary>The typed API.</summary>
    public IKubernetesApi Api { get; }

    /// <summary>The namespace chosen by options or the context (else "default").</summary>
    public string Namespace { get; }

    /// <summary>The kubeconfig context in use, or "in-cluster".</summary>
    public string ContextName { get; }

    /// <summary>The API server URL.</summary>
    public Uri Server { get; }

    /// <summary>The client options in effect.</summary>
    public KubernetesClientOptions Options { get; }

    /// <inheritdoc />
    public override string ToString() => $"{ContextName} ({Server}), namespace {Namespace}";

    /// <inheritdoc />
    public void Dispose() => _transport.Dispose();
}
