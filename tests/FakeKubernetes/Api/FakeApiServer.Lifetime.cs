using System.Net;
using System.Security.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FakeKubernetes;

public sealed partial class FakeApiServer
{
    private readonly TlsMaterial? _tls;
    private readonly Authenticator _auth;
    private readonly RequestLog _requestLog = new(1000);
    private readonly ObjectStore _store;
    private readonly Controllers _controllers;
    private readonly Kubelet _kubelet;
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private int _disposed;

    private FakeApiServer(FakeApiServerOptions options)
    {
        Options = options;
        var hub = new WatchHub();
        _store = new ObjectStore(options.WatchHistoryLimit, hub);
        hub.Store = _store;
        Store = new FakeStore(_store);
        Faults = new FaultInjector { Watches = hub };
        Pods = new PodScripts();
        _tls = options.Tls ? new TlsMaterial(options.TlsServerName) : null;
        ClientCertificate = _tls?.ClientCertificate;
        _auth = new Authenticator(Token, _tls);
        _kubelet = new Kubelet(_store, Pods, options);
        Pods.Kubelet = _kubelet;
        _controllers = new Controllers(_store, options) { Kubelet = _kubelet };
        foreach (var ns in new[] { "default", "kube-system", "kube-public" }.Concat(options.Namespaces).Distinct())
        {
            var obj = new System.Text.Json.Nodes.JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = ns },
            };
            Defaults.Apply(ResourceTypes.Namespace, obj);
            _store.Create(ResourceTypes.Namespace, obj);
        }
    }

    private static async Task<FakeApiServer> StartCoreAsync(FakeApiServerOptions options, CancellationToken cancellationToken)
    {
        var server = new FakeApiServer(options);
        try
        {
            await server.StartHttpAsync(cancellationToken).ConfigureAwait(false);
            server._controllers.Start();
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartHttpAsync(CancellationToken cancellationToken)
    {
        var handler = new ApiHandler(_store, _controllers, _kubelet, Faults, Counters, _requestLog, _auth, Options) { Stopping = _stopping.Token };
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "FakeKubernetes", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 8 * 1024 * 1024;
            k.Listen(IPAddress.Loopback, Options.Port, listen =>
            {
                if (_tls is null)
                {
                    listen.Protocols = HttpProtocols.Http1;
                    return;
                }
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = _tls.ServerCertificate,
                    ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                    // Chain checks happen per request (Authenticator) so a wrong certificate yields a 401 Status, not a TLS failure.
                    ClientCertificateValidation = (_, _, _) => true,
                    SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                });
            });
        });
        var app = builder.Build();
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        Url = $"{(_tls is null ? "http" : "https")}://127.0.0.1:{port}{Options.PathPrefix.TrimEnd('/')}";
    }

    /// <summary>Stops serving, stops controllers and kills every process started by the process kubelet.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _controllers.Dispose();
        _kubelet.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
        _tls?.Dispose();
        _stopping.Dispose();
    }
}
