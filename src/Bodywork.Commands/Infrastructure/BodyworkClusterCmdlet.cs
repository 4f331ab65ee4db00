using System.Management.Automation;

namespace Bodywork.Commands.Infrastructure;

/// <summary>
/// Base of every cmdlet that talks to a cluster: owns the connection parameters, which are
/// identical on every such cmdlet.
/// </summary>
public abstract class BodyworkClusterCmdlet : BodyworkCmdlet
{
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
    /// HOOK for the engine's cluster access (written on another branch): build, or fetch from a cache
    /// keyed by <paramref name="options"/>, the engine connection every cluster cmdlet uses, typically
    /// in BeginProcessing so kubeconfig errors are terminating. Deliberately abstract until the engine
    /// type exists: no cluster cmdlet can be written without it.
    /// </summary>
    protected abstract void OpenEngineConnection(ClusterConnectionOptions options);
}
