using System.Text.Json;
using Bodywork.Cli.Management;
using Bodywork.Cli.Parsing;
using Bodywork.Cli.Workflows;
using Bodywork.Engine.Management;
using Bodywork.Engine.Manifests;
using Bodywork.Models.Management;

namespace Bodywork.Cli.Commands;

/// <summary><c>bodywork cronjob create|delete|display|history|logs</c> with the original's options and messages.</summary>
public static class CronJobCommand
{
    public const string NoName = "please specify --name for the cronjob";
    public const string NoSchedule = "please specify schedule for the cronjob you want to create";
    public const string NoUrl = "please specify Git repo URL for the cronjob you want to create";

    public static CliCommand Create() =>
        new CliCommand("cronjob", "Create, delete, display cron jobs that run a workflow in the cluster on a schedule, and show their history and logs.")
            .Subcommand(Sub("create", "Create a cron job that runs the workflow of --git-repo-url at --git-repo-branch on --schedule.", CreateAsync)
                .Option(new CliOption("schedule", "five-field cron schedule or macro, e.g. '0 2 * * *' or '@daily'") { Default = "" })
                .Option(new CliOption("git-repo-url", "Git repository whose workflow runs") { Default = "" })
                .Option(new CliOption("git-repo-branch", "branch to run") { Default = "master" })
                .Option(new CliOption("retries", "retries of a failed run") { Default = CronJobManifests.DefaultRetry.ToString(System.Globalization.CultureInfo.InvariantCulture), Validate = CliOption.IntValidator })
                .Option(new CliOption("history-limit", "finished runs kept (successful and failed each)")
                    { Default = CronJobManifests.DefaultHistoryLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), Validate = CliOption.IntValidator })
                .Option(new CliOption("image", $"workflow controller image (default {CronJobManifests.DefaultControllerImage})") { MetaVar = "IMAGE" })
                .Option(new CliOption("force", "re-apply an existing cron job of that name", CliOptionKind.Flag)))
            .Subcommand(Sub("delete", "Delete a cron job with its runs and their pods.", DeleteAsync))
            .Subcommand(Sub("display", "List the cron jobs of the namespace.", DisplayAsync))
            .Subcommand(Sub("history", "List the runs of the cron job --name.", HistoryAsync))
            .Subcommand(Sub("logs", "Print the log of the run --name (a run's job name, or a cron job's name for its newest run).", LogsAsync)
                .Option(new CliOption("follow", "keep printing new lines until the run ends", CliOptionKind.Flag)));

    private static CliCommand Sub(string name, string help, Func<CliInvocation, Task<int>> handler) =>
        new CliCommand(name, help)
            .Option(new CliOption("name", "cron job name (for logs: a run's job name)") { Default = "" })
            .WithClusterOptions()
            .Handle(handler);

    private static async Task<int> CreateAsync(CliInvocation invocation)
    {
        var name = invocation.Get("name")!;
        var schedule = invocation.Get("schedule")!;
        var url = invocation.Get("git-repo-url")!;
        if (name.Length == 0) return await ClusterOptions.FailAsync(invocation, NoName).ConfigureAwait(false);
        if (schedule.Length == 0) return await ClusterOptions.FailAsync(invocation, NoSchedule).ConfigureAwait(false);
        if (url.Length == 0) return await ClusterOptions.FailAsync(invocation, NoUrl).ConfigureAwait(false);

        // Bad input fails before the kubeconfig is even read.
        ManagementValidation.Schedule(schedule);
        using var connection = ClusterOptions.Connect(invocation);
        var ns = ClusterOptions.Namespace(invocation, connection);
        var request = new CronJobRequest(ns, name, schedule, url, invocation.Get("git-repo-branch"),
            invocation.GetInt("retries")!.Value, invocation.GetInt("history-limit")!.Value, invocation.Get("image"));
        var created = await new CronJobManager(connection.Api)
            .CreateAsync(request, invocation.Has("force"), new CliOperationContext(invocation.Error, invocation.CancellationToken)).ConfigureAwait(false);
        await (ClusterOptions.Json(invocation)
            ? invocation.Out.WriteLineAsync(JsonSerializer.Serialize(created!, ManagementJsonContext.Readable.BodyworkCronJob))
            : invocation.Out.WriteLineAsync($"cronjob={name} created in namespace={ns}")).ConfigureAwait(false);
        return CliApp.ExitOk;
    }

    private static async Task<int> DeleteAsync(CliInvocation invocation)
    {
        var name = invocation.Get("name")!;
        if (name.Length == 0) return await ClusterOptions.FailAsync(invocation, NoName).ConfigureAwait(false);
        using var connection = ClusterOptions.Connect(invocation);
        var ns = ClusterOptions.Namespace(invocation, connection);
        var removed = await new CronJobManager(connection.Api)
            .RemoveAsync(ns, name, new CliOperationContext(invocation.Error, invocation.CancellationToken)).ConfigureAwait(false);
        await (ClusterOptions.Json(invocation)
            ? invocation.Out.WriteLineAsync(JsonSerializer.Serialize(removed!, ManagementJsonContext.Readable.BodyworkCronJob))
            : invocation.Out.WriteLineAsync($"cronjob={name} deleted from namespace={ns}")).ConfigureAwait(false);
        return CliApp.ExitOk;
    }

    private static async Task<int> DisplayAsync(CliInvocation invocation)
    {
        var name = invocation.Get("name")!;
        using var connection = ClusterOptions.Connect(invocation);
        var ns = ClusterOptions.Namespace(invocation, connection);
        var cronJobs = await new CronJobManager(connection.Api)
            .ListAsync(ns, name.Length == 0 ? null : NamePattern.Parse(name), invocation.CancellationToken).ConfigureAwait(false);
        if (ClusterOptions.Json(invocation))
        {
            await invocation.Out.WriteLineAsync(JsonSerializer.Serialize(cronJobs, ManagementJsonContext.Readable.IReadOnlyListBodyworkCronJob)).ConfigureAwait(false);
            return CliApp.ExitOk;
        }

        await invocation.Out.WriteLineAsync($"cronjobs in namespace={ns}:").ConfigureAwait(false);
        await invocation.Out.WriteLineAsync().ConfigureAwait(false);
        await ServiceCommand.WriteLinesAsync(invocation, Table(cronJobs).Lines).ConfigureAwait(false);
        return CliApp.ExitOk;
    }

    /// <summary>The original's display columns and widths.</summary>
    public static TextTable Table(IEnumerable<BodyworkCronJob> cronJobs)
    {
        ArgumentNullException.ThrowIfNull(cronJobs);
        var table = new TextTable(("NAME", 40), ("SCHEDULE", 30), ("LAST_ACTIVE", 25), ("GIT_URL", 50), ("GIT_BRANCH", 20));
        foreach (var c in cronJobs)
        {
            table.Add(c.Name, c.Schedule, TextTable.PythonTime(c.LastScheduleTime), c.GitRepoUrl, c.Branch);
        }

        return table;
    }

    private static async Task<int> HistoryAsync(CliInvocation invocation)
    {
        var name = invocation.Get("name")!;
        if (name.Length == 0) return await ClusterOptions.FailAsync(invocation, NoName).ConfigureAwait(false);
        using var connection = ClusterOptions.Connect(invocation);
        var ns = ClusterOptions.Namespace(invocation, connection);
        var runs = await new CronJobManager(connection.Api).HistoryAsync(ns, name, invocation.CancellationToken).ConfigureAwait(false);
        if (ClusterOptions.Json(invocation))
        {
            await invocation.Out.WriteLineAsync(JsonSerializer.Serialize(runs, ManagementJsonContext.Readable.IReadOnlyListBodyworkCronJobRun)).ConfigureAwait(false);
            return CliApp.ExitOk;
        }

        await invocation.Out.WriteLineAsync($"recent workflow executions for cronjob={name} in namespace={ns}:").ConfigureAwait(false);
        await invocation.Out.WriteLineAsync().ConfigureAwait(false);
        await ServiceCommand.WriteLinesAsync(invocation, HistoryTable(runs).Lines).ConfigureAwait(false);
        return CliApp.ExitOk;
    }

    /// <summary>The original's history columns; counts printed as 1 or 0.</summary>
    public static TextTable HistoryTable(IEnumerable<BodyworkCronJobRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var table = new TextTable(("JOB_NAME", 40), ("START_TIME", 30), ("COMPLETION_TIME", 30), ("ACTIVE", 20), ("SUCCEEDED", 20), ("FAILED", 20));
        foreach (var r in runs)
        {
            table.Add(r.Name, TextTable.PythonTime(r.StartTime), TextTable.PythonTime(r.CompletionTime),
                r.Active > 0 ? 1 : 0, r.Succeeded > 0 ? 1 : 0, r.Failed > 0 ? 1 : 0);
        }

        return table;
    }

    private static async Task<int> LogsAsync(CliInvocation invocation)
    {
        var name = invocation.Get("name")!;
        if (name.Length == 0) return await ClusterOptions.FailAsync(invocation, NoName).ConfigureAwait(false);
        using var connection = ClusterOptions.Connect(invocation);
        var ns = ClusterOptions.Namespace(invocation, connection);
        var lines = new CronJobLogReader(connection.Api).ReadAsync(ns, name, invocation.Has("follow"), cancellationToken: invocation.CancellationToken);
        if (ClusterOptions.Json(invocation))
        {
            var all = new List<string>();
            await foreach (var line in lines.ConfigureAwait(false))
            {
                all.Add(line);
            }

            await invocation.Out.WriteLineAsync(JsonSerializer.Serialize<IReadOnlyList<string>>(all, ManagementJsonContext.Readable.IReadOnlyListString)).ConfigureAwait(false);
            return CliApp.ExitOk;
        }

        await foreach (var line in lines.ConfigureAwait(false))
        {
            await invocation.Out.WriteLineAsync(line).ConfigureAwait(false);
            await invocation.Out.FlushAsync().ConfigureAwait(false);
        }

        return CliApp.ExitOk;
    }
}
