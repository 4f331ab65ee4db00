using Bodywork.Cli.Parsing;
using Bodywork.Models.Errors;
using Bodywork.Models.Workflows;

namespace Bodywork.Cli.Workflows;

/// <summary>
/// What every form of <c>bodywork workflow</c> does around the engine's run: log lines flushed even
/// when the run throws (the runner has already logged "failed to execute workflow …"; CliApp prints
/// "error: …" and picks the exit code), then the service URLs, then 0 or 1 from the run's status.
/// </summary>
internal static class WorkflowCliRun
{
    /// <param name="serviceState">How a service URL line reads: "running" locally, "available" on a cluster.</param>
    public static async Task<int> CompleteAsync(CliInvocation invocation, LogLineObserver log, Func<Task<WorkflowRun?>> run,
        string serviceState)
    {
        WorkflowRun? result;
        try
        {
            result = await run().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is BodyworkException or OperationCanceledException)
        {
            log.Flush();
            throw;
        }

        log.Flush();
        if (result is null)
        {
            // -WhatIf style previews return no run.
            return CliApp.ExitOk;
        }

        foreach (var url in result.ServiceUrls)
        {
            await invocation.Out.WriteLineAsync($"service {serviceState} at {url}").ConfigureAwait(false);
        }

        return result.Status == WorkflowStatus.Succeeded ? CliApp.ExitOk : CliApp.ExitFailure;
    }
}
