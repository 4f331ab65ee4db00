using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bodywork.Engine.Tests.Kubernetes.Config.Support;

/// <summary>
/// A tiny HTTPS server on 127.0.0.1 (random port) that records what each request brought: the SNI name,
/// the Authorization header, the client certificate and the intermediates the client sent with it.
/// </summary>
public sealed class TlsTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TlsTestServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }
    public ConcurrentQueue<string> SniNames { get; } = new();
    public ConcurrentQueue<string> Authorizations { get; } = new();
    public ConcurrentQueue<string> HostHeaders { get; } = new();
    public ConcurrentQueue<string> ClientSubjects { get; } = new();
    public ConcurrentQueue<string> ClientChainSubjects { get; } = new();

    public static async Task<TlsTestServer> StartAsync(X509Certificate2 serverCertificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        TlsTestServer? self = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificateSelector = (_, name) =>
            {
                self!.SniNames.Enqueue(name ?? "");
                return serverCertificate;
            };
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            https.ClientCertificateValidation = (certificate, chain, _) =>
            {
                foreach (var extra in chain?.ChainPolicy.ExtraStore ?? [])
                {
                    self!.ClientChainSubjects.Enqueue(extra.Subject);
                }
                return true;
            };
        })));
        var app = builder.Build();
        app.Run(async context =>
        {
            self!.Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            self.HostHeaders.Enqueue(context.Request.Host.Value ?? "");
            var client = await context.Connection.GetClientCertificateAsync();
            if (client is not null)
            {
                self.ClientSubjects.Enqueue(client.Subject);
            }
            await context.Response.WriteAsync("{\"kind\":\"APIVersions\"}");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new TlsTestServer(app, new Uri(address));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
