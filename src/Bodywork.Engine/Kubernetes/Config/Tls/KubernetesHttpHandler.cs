using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using Bodywork.Engine.Kubernetes.Auth;

namespace Bodywork.Engine.Kubernetes.Config.Tls;

/// <summary>
/// The transport for one cluster: TLS as the kubeconfig says, the client certificate, the proxy. When an
/// exec plugin hands out a new client certificate, new connections are made with it (a fresh inner handler;
/// pooled connections that carry the old certificate are left to finish and then disposed with this handler).
/// </summary>
internal sealed class KubernetesHttpHandler : HttpMessageHandler
{
    private readonly ResolvedKubernetesConfig _config;
    private readonly IClientCertificateSource? _certificates;
    private readonly object _lock = new();
    private readonly List<HttpMessageInvoker> _retired = [];
    private HttpMessageInvoker? _current;
    private int _generation = -1;

    public KubernetesHttpHandler(ResolvedKubernetesConfig config)
    {
        _config = config;
        _certificates = (config.Authenticator as KubernetesAuthenticator)?.ClientCertificates;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Inner().SendAsync(request, cancellationToken);

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Inner().Send(request, cancellationToken);

    private HttpMessageInvoker Inner()
    {
        var generation = _certificates?.Generation ?? 0;
        lock (_lock)
        {
            if (_current is null || generation != _generation)
            {
                if (_current is not null)
                {
                    _retired.Add(_current);
                }
                _current = new HttpMessageInvoker(CreateSocketsHandler(_certificates?.Current), disposeHandler: true);
                _generation = generation;
            }
            return _current;
        }
    }

    private SocketsHttpHandler CreateSocketsHandler(ClientCertificate? clientCertificate)
    {
        var server = _config.Server;
        var expectedName = _config.TlsServerName ?? (server.HostNameType == UriHostNameType.IPv6 ? server.DnsSafeHost : server.IdnHost);
        var validator = new ServerCertificateValidator(_config.CertificateAuthorities, _config.InsecureSkipTlsVerify, expectedName);

        var ssl = new SslClientAuthenticationOptions
        {
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            RemoteCertificateValidationCallback = validator.Validate,
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
        };
        if (_config.TlsServerName is not null)
        {
            ssl.TargetHost = _config.TlsServerName;
        }
        if (clientCertificate is not null)
        {
            // A certificate context sends the intermediates too, so servers that trust only the root accept the chain.
            ssl.ClientCertificateContext = SslStreamCertificateContext.Create(clientCertificate.Leaf, clientCertificate.Intermediates, offline: true);
        }

        var handler = new SocketsHttpHandler
        {
            SslOptions = ssl,
            AutomaticDecompression = _config.DisableCompression ? DecompressionMethods.None : DecompressionMethods.GZip,
            // Watches and log follows stay open for long; pings make a dead connection fail instead of hang.
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(15),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        if (_config.ProxyUrl is not null)
        {
            handler.Proxy = new WebProxy(_config.ProxyUrl);
            handler.UseProxy = true;
        }
        return handler;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_lock)
            {
                _current?.Dispose();
                foreach (var old in _retired)
                {
                    old.Dispose();
                }
                _retired.Clear();
                _current = null;
            }
        }
        base.Dispose(disposing);
    }
}
