using System.Security.Cryptography.X509Certificates;
using Bodywork.Engine.Kubernetes.Auth;
using Bodywork.Engine.Kubernetes.Config.Tls;

namespace Bodywork.Engine.Kubernetes.Config;

/// <summary>
/// Everything needed to talk to one cluster as one user, fully resolved (paths made absolute, files read).
/// Holds no secret in its text form: <see cref="ToString"/> names the server and context only.
/// </summary>
public sealed class ResolvedKubernetesConfig
{
    internal ResolvedKubernetesConfig(Uri server, string contextName, string @namespace, string? tlsServerName,
        bool insecureSkipTlsVerify, Uri? proxyUrl, IKubernetesAuthenticator authenticator)
    {
        Server = server;
        ContextName = contextName;
        Namespace = @namespace;
        TlsServerName = tlsServerName;
        InsecureSkipTlsVerify = insecureSkipTlsVerify;
        ProxyUrl = proxyUrl;
        Authenticator = authenticator;
    }

    /// <summary>Base URL of the API server, possibly with a path prefix (Rancher); append "api/..." to it.</summary>
    public Uri Server { get; }

    /// <summary>The kubeconfig context used, or "in-cluster".</summary>
    public string ContextName { get; }

    /// <summary>options.Namespace, else the context's namespace, else "default".</summary>
    public string Namespace { get; }

    /// <summary>Name used for SNI and the certificate name check instead of the server's host.</summary>
    public string? TlsServerName { get; }

    /// <summary>Server certificate checks are off (insecure-skip-tls-verify).</summary>
    public bool InsecureSkipTlsVerify { get; }

    /// <summary>Explicit proxy from the kubeconfig, without any user:password (see ProxyCredentials); null means the HTTPS_PROXY/NO_PROXY environment.</summary>
    public Uri? ProxyUrl { get; }

    /// <summary>disable-compression: do not ask the server for gzip responses.</summary>
    public bool DisableCompression { get; init; }

    /// <summary>Adds the user's credentials to requests.</summary>
    public IKubernetesAuthenticator Authenticator { get; }

    /// <summary>
    /// A new handler configured for TLS (CA, host-name check or tls-server-name, insecure flag),
    /// client certificates (static or from an exec plugin) and proxy. The caller owns and disposes it.
    /// </summary>
    public HttpMessageHandler CreateHandler() => new KubernetesHttpHandler(this);

    /// <summary>user:password from proxy-url, kept out of <see cref="ProxyUrl"/> so printing it shows no secret.</summary>
    internal System.Net.NetworkCredential? ProxyCredentials { get; init; }

    /// <summary>The only roots trusted for the server (certificate-authority); null means the OS trust store.</summary>
    internal X509Certificate2Collection? CertificateAuthorities { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{ContextName} ({UrlRedaction.Redact(Server)})";
}
