using System.Management.Automation;
using Bodywork.Engine.Kubernetes;
using Bodywork.Engine.Kubernetes.Config;

namespace Bodywork.Commands.Infrastructure;

/// <summary>
/// Base of every cmdlet that talks to a cluster: owns the connection parameters, which are
/// identical on every such cmdlet, and the one connection the cmdlet opens from them.
/// </summary>
public abstract class BodyworkClusterCmdlet : BodyworkCmdlet
{
    private Lazy<KubernetesConnection>? _connection;

    /// <summary>Kubeconfig file; default: $env:KUBECONFIG, else ~/.kube/config (resolved by the engine).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KubeConfig { get; set; }

    /// <summary>Kubeconfig context; default: the file's current-context.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Context { get; set; }

    /// <summary>
    /// The connection settings as bound, with -KubeConfig resolved against the PowerShell location
    /// (the engine's working directory is not $PWD). Null members mean "engine default".
    /// </summary>
    protected ClusterConnectionOptions GetConnectionOptions() =>
        new(KubeConfig is null ? null : ResolveFileSystemPath(KubeConfig), Context);

    /// <summary>
    /// The cluster connection, opened on first use so parameter sets that never touch a cluster
    /// (such as -Local) never read a kubeconfig. Kubeconfig problems surface as the
    /// <see cref="Bodywork.Models.Errors.BodyworkException"/> the engine throws: first touch it inside
    /// the work given to <see cref="BodyworkCmdlet.RunAndWrite{T}"/> (any thread), or call
    /// <see cref="OpenConnection"/> in BeginProcessing to make such problems terminating.
    /// </summary>
    protected KubernetesConnection Connection
    {
        get
        {
            // -KubeConfig is resolved on the pipeline thread the first time; later reads are cached.
            _connection ??= CreateLazyConnection(GetConnectionOptions());
            return _connection.Value;
        }
    }

    /// <summary>Opens the connection now, stopping the command with its error when the kubeconfig is unusable.</summary>
    protected void OpenConnection()
    {
        try
        {
            _ = Connection;
        }
        catch (Bodywork.Models.Errors.BodyworkException ex)
        {
            ThrowBodyworkError(ex);
        }
    }

    /// <summary>The namespace to act on: the one given, else the kubeconfig context's namespace.</summary>
    protected string ResolveNamespace(string? requested) =>
        string.IsNullOrEmpty(requested) ? Connection.Namespace : requested;

    private static Lazy<KubernetesConnection> CreateLazyConnection(ClusterConnectionOptions options) =>
        new(() => KubernetesClientFactory.Create(new KubernetesConnectionOptions(options.KubeConfigPath, options.Context)),
            LazyThreadSafetyMode.ExecutionAndPublication);

    protected override void Dispose(bool disposing)
    {
        if (disposing && _connection is { IsValueCreated: true } created)
        {
            created.Value.Dispose();
        }

        base.Dispose(disposing);
    }
}
