using Bodywork.Cli.Parsing;
using Bodywork.Engine.Local;
using Bodywork.Models.Errors;
using Bodywork.Models.Workflows;

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
        WorkflowRun? run;
        try
        {
            run = await new LocalWorkflowService().RunAsync(request, context, log).ConfigureAwait(false);
        }
        catch (BodyworkException)
        {
            // The runner already logged "failed to execute workflow …"; CliApp prints "error: …" and exits 1.
            log.Flush();
            throw;
        }

        log.Flush();
        if (run is null)
        {
            return CliApp.ExitOk;
        }

        foreach (var url in run.ServiceUrls)
        {
            await invocation.Out.WriteLineAsync($"service running at {url}").ConfigureAwait(false);
        }

        return run.Status == WorkflowStatus.Succeeded ? CliApp.ExitOk : CliApp.ExitFailure;
    }
}
