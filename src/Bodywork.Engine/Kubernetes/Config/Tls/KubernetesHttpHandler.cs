using System.Net;
using System.Net.Security;
using System.Net.Sockets;
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
    private readonly ServerCertificateValidator _validator;
    private readonly bool _ownTls;
    private readonly object _lock = new();
    private readonly List<HttpMessageInvoker> _retired = [];
    private HttpMessageInvoker? _current;
    private int _generation = -1;

    public KubernetesHttpHandler(ResolvedKubernetesConfig config)
    {
        _config = config;
        _certificates = (config.Authenticator as KubernetesAuthenticator)?.ClientCertificates;
        var server = config.Server;
        var expectedName = config.TlsServerName ?? (server.HostNameType == UriHostNameType.IPv6 ? server.DnsSafeHost : server.IdnHost);
        _validator = new ServerCertificateValidator(config.CertificateAuthorities, config.InsecureSkipTlsVerify, expectedName);
        // SocketsHttpHandler always sends the URL's host as SNI. For tls-server-name we make the TLS connection
        // ourselves (ConnectCallback) and hand the handler a plain-http URL, unless a proxy must tunnel it.
        _ownTls = config.TlsServerName is not null && server.Scheme == Uri.UriSchemeHttps && config.ProxyUrl is null && !EnvironmentProxies(server);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request.RequestUri;
        if (!_ownTls || original is null || original.Scheme != Uri.UriSchemeHttps)
        {
            return await Inner().SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        request.RequestUri = new UriBuilder(original) { Scheme = Uri.UriSchemeHttp, Port = original.Port }.Uri;
        request.Headers.Host ??= original.IsDefaultPort ? original.IdnHost : original.Authority;
        try
        {
            return await Inner().SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            request.RequestUri = original;
        }
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, cancellationToken).GetAwaiter().GetResult();

    private static bool EnvironmentProxies(Uri server)
    {
        var proxy = HttpClient.DefaultProxy;
        return !proxy.IsBypassed(server) && proxy.GetProxy(server) is { } p && p != server;
    }

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

    private SslClientAuthenticationOptions SslOptions(ClientCertificate? clientCertificate)
    {
        var ssl = new SslClientAuthenticationOptions
        {
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            RemoteCertificateValidationCallback = _validator.Validate,
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
        };
        if (clientCertificate is not null)
        {
            // A certificate context sends the intermediates too, so servers that trust only the root accept the chain.
            ssl.ClientCertificateContext = SslStreamCertificateContext.Create(clientCertificate.Leaf, clientCertificate.Intermediates, offline: true);
        }
        return ssl;
    }

    private SocketsHttpHandler CreateSocketsHandler(ClientCertificate? clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = SslOptions(clientCertificate),
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
        if (_ownTls)
        {
            var tlsServerName = _config.TlsServerName!;
            handler.UseProxy = false;
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
                    var ssl = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
                    var options = SslOptions(clientCertificate);
                    options.TargetHost = tlsServerName;
                    options.ApplicationProtocols = [SslApplicationProtocol.Http11];
                    try
                    {
                        await ssl.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
                    }
                    catch
                    {
                        await ssl.DisposeAsync().ConfigureAwait(false);
                        throw;
                    }
                    return ssl;
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }
        else if (_config.ProxyUrl is not null)
        {
            var proxy = new WebProxy(_config.ProxyUrl) { Credentials = _config.ProxyCredentials };
            handler.Proxy = proxy;
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
