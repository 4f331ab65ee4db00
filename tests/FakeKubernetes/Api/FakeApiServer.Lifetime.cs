namespace FakeKubernetes;

public sealed partial class FakeApiServer
{
    private readonly TlsMaterial? _tls;
    private readonly Authenticator _auth;
    private readonly RequestLog _requestLog = new(1000);
    private readonly ObjectStore _store;
    private readonly Controllers _controllers;
    private readonly Kubelet _kubelet;
    private Microsoft.AspNetCore.Builder.WebApplication? _app;

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
        _auth = new Authenticator(Token, _tls);
        _kubelet = new Kubelet(_store, Pods, options);
        Pods.Kubelet = _kubelet;
        _controllers = new Controllers(_store, options);
    }

    private static Task<FakeApiServer> StartCoreAsync(FakeApiServerOptions options, CancellationToken cancellationToken)
    {
        var server = new FakeApiServer(options);
        server._app = null;
        cancellationToken.ThrowIfCancellationRequested();
        throw new NotImplementedException("contract only");
    }

    /// <summary>Stops serving, stops controllers and kills every process started by the process kubelet.</summary>
    public async ValueTask DisposeAsync()
    {
        _kubelet.Dispose();
        _controllers.Dispose();
        if (_app is not null) await _app.DisposeAsync().ConfigureAwait(false);
        _tls?.Dispose();
    }
}
