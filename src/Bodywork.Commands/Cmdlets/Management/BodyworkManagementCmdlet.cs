using Bodywork.Commands.Infrastructure;
using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Management;
using Bodywork.Models.Errors;
using Bodywork.Models.Operations;

namespace Bodywork.Commands.Cmdlets.Management;

/// <summary>
/// Shared plumbing of the namespace-management cmdlets: one engine call per record, with failures that
/// doom every remaining record (no kubeconfig, cluster unreachable, 401/403) made terminating, and the
/// Get-* name handling (none = all, wildcard = filter, literal = exactly that one or a not-found error).
/// </summary>
public abstract class BodyworkManagementCmdlet : BodyworkClusterCmdlet
{
    private static readonly HashSet<string> FatalErrorIds =
    [
        BodyworkErrorIds.KubeConfigNotFound,
        BodyworkErrorIds.KubeConfigInvalid,
        BodyworkErrorIds.ClusterUnreachable,
        BodyworkErrorIds.Unauthorized,
        BodyworkErrorIds.Forbidden,
        BodyworkErrorIds.ExecPluginNotFound,
        BodyworkErrorIds.ExecPluginFailed,
        BodyworkErrorIds.AuthProviderUnsupported,
    ];

    /// <summary>False for parameter sets that never touch a cluster (-Local).</summary>
    protected virtual bool UsesCluster => true;

    /// <summary>
    /// Opens the connection on the pipeline thread (where -KubeConfig is resolved against $PWD), so a
    /// missing or broken kubeconfig stops the command before the first record.
    /// </summary>
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (UsesCluster)
        {
            OpenConnection();
        }
    }

    /// <summary>The typed API of this command's connection (opened on first use, on any thread).</summary>
    protected IKubernetesApi Api => Connection.Api;

    /// <summary>Runs one engine call and writes its result; per-record errors continue, fatal ones stop the command.</summary>
    protected void Execute<T>(Func<IOperationContext, Task<T?>> work, object? target, bool write = true) where T : class
    {
        ArgumentNullException.ThrowIfNull(work);
        BodyworkException? fatal = null;
        RunAndWrite(async ctx =>
        {
            try
            {
                return await work(ctx).ConfigureAwait(false);
            }
            catch (BodyworkException e) when (FatalErrorIds.Contains(e.ErrorId))
            {
                fatal = e;
                return null;
            }
        }, write, target);
        if (fatal is not null)
        {
            ThrowBodyworkError(fatal, target);
        }
    }

    /// <summary>Get-* semantics for -Name: none lists all, a wildcard filters (no match, no error), a literal must exist.</summary>
    protected void WriteNamed<T>(string[]? names, Func<NamePattern?, CancellationToken, Task<IReadOnlyList<T>>> list,
        Func<string, CancellationToken, Task<T>> get) where T : class
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(get);
        if (names is null || names.Length == 0)
        {
            Execute<IReadOnlyList<T>>(ctx => list(null, ctx.CancellationToken)!, target: null);
            return;
        }

        foreach (var name in names)
        {
            var pattern = NamePattern.Parse(name);
            if (pattern.IsWildcard)
            {
                Execute<IReadOnlyList<T>>(ctx => list(pattern, ctx.CancellationToken)!, target: name);
            }
            else
            {
                Execute<T>(ctx => get(pattern.Literal, ctx.CancellationToken)!, target: name);
            }
        }
    }
}
