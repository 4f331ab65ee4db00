using Bodywork.Cli.Parsing;
using Bodywork.Engine.Local;

namespace Bodywork.Cli.Workflows;

/// <summary>The <c>--local</c> form of <c>bodywork workflow</c>: prints the original's log lines, exit 1 on failure.</summary>
public static class LocalWorkflowCli
{
    public static async Task<int> RunAsync(CliInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var source = invocation.Get("git-repo-url")!;
        var branch = invocation.Get("git-branch");
        var secrets = SecretArguments.Parse(invocation.Command, invocation.GetAll("secret"));
        var request = LocalWorkflowRequest.FromSource(source, branch) with
        {
            Python = invocation.Get("python"),
            Secrets = secrets,
        };
        var log = new LogLineObserver(invocation.Out);
        var context = new CliOperationContext(invocation.Error, invocation.CancellationToken);
        return await WorkflowCliRun.CompleteAsync(invocation, log,
            () => new LocalWorkflowService().RunAsync(request, context, log), "running").ConfigureAwait(false);
    }
}
