using Bodywork.Cli.Parsing;
using Bodywork.Engine.Kubernetes;
using Bodywork.Engine.Kubernetes.Config;
using Bodywork.Engine.Workflows.Kubernetes;

namespace Bodywork.Cli.Workflows;

/// <summary>
/// The original's form, <c>bodywork workflow --namespace NS GIT_URL GIT_BRANCH</c>: runs the stages on the
/// cluster, prints the original's log lines, exits 1 when the workflow fails (the original's handler
/// returned 0 for API errors before the run; we do not keep that quirk) and 130 on Ctrl+C.
/// </summary>
public static class ClusterWorkflowCli
{
    public static async Task<int> RunAsync(CliInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var branch = invocation.Get("git-branch");
        var request = new KubernetesWorkflowRequest
        {
            Namespace = invocation.Get("namespace")!,
            GitRepoUrl = invocation.Get("git-repo-url")!,
            Branch = branch,
            Image = invocation.Get("image") is { Length: > 0 } image ? image : null,
        };
        var log = new LogLineObserver(invocation.Out);
        var context = new CliOperationContext(invocation.Error, invocation.CancellationToken);
        using var connection = KubernetesClientFactory.Create(
            new KubernetesConnectionOptions(invocation.Get("kubeconfig"), invocation.Get("context")));
        return await WorkflowCliRun.CompleteAsync(invocation, log,
            () => new KubernetesWorkflowService(connection.Api).RunAsync(request, context, log), "available").ConfigureAwait(false);
    }
}
