using System.Text.Json;
using Bodywork.Cli.Management;
using Bodywork.Cli.Parsing;
using Bodywork.Cli.Workflows;
using Bodywork.Engine.Local;
using Bodywork.Engine.Management;
using Bodywork.Models.Management;

namespace Bodywork.Cli.Commands;

/// <summary><c>bodywork service display|delete [--namespace NS] [--name N] [--local]</c>.</summary>
public static class ServiceCommand
{
    public const string NoName = "please specify --name for the service";

    public static CliCommand Create() =>
        new CliCommand("service", "Display or delete the service stages Bodywork deployed (or, with --local, started on this machine).")
            .Subcommand(Sub("display", "List services: URL inside the cluster, exposure, replicas, Git URL and branch.", DisplayAsync))
            .Subcommand(Sub("delete", "Delete a service's deployment and its service (with --local: stop a local service).", DeleteAsync));

    private static CliCommand Sub(string name, string help, Func<CliInvocation, Task<int>> handler) =>
        new CliCommand(name, help)
            .Option(new CliOption("name", "service name, <project>--<stage>") { Default = "" })
            .Option(new CliOption("local", "services started by local workflow runs on this machine", CliOptionKind.Flag))
            .WithClusterOptions()
            .Handle(handler);

    private static async Task<int> DisplayAsync(CliInvocation invocation)
    {
        var name = invocation.Get("name")!;
        var pattern = name.Length == 0 ? null : NamePattern.Parse(name);
        if (invocation.Has("local"))
        {
            var local = LocalServices.List(new LocalServiceStore(), pattern);
            if (ClusterOptions.Json(invocation))
            {
                await invocation.Out.WriteLineAsync(JsonSerializer.Serialize(local, ManagementJsonContext.Readable.IReadOnlyListLocalService)).ConfigureAwait(false);
                return CliApp.ExitOk;
            }

            var localTable = new TextTable(("SERVICE_URL", 50), ("NAME", 45), ("PID", 10), ("STATUS", 10), ("SOURCE", 45), ("GIT_BRANCH", 20));
            foreach (var s in local)
            {
                localTable.Add(s.Url, s.Name, s.ProcessId, s.Status, s.Source, s.Branch);
            }

            await WriteLinesAsync(invocation, localTable.Lines).ConfigureAwait(false);
            return CliApp.ExitOk;
        }

        using var connection = ClusterOptions.Connect(invocation);
        var ns = ClusterOptions.Namespace(invocation, connection);
        var services = await new ServiceManager(connection.Api).ListAsync(ns, pattern, invocation.CancellationToken).ConfigureAwait(false);
        if (ClusterOptions.Json(invocation))
        {
            await invocation.Out.WriteLineAsync(JsonSerializer.Serialize(services, ManagementJsonContext.Readable.IReadOnlyListBodyworkService)).ConfigureAwait(false);
            return CliApp.ExitOk;
        }

        await WriteLinesAsync(invocation, Table(services).Lines).ConfigureAwait(false);
        return CliApp.ExitOk;
    }

    /// <summary>The original's columns and widths.</summary>
    public static TextTable Table(IEnumerable<BodyworkService> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var table = new TextTable(("SERVICE_URL", 50), ("EXPOSED", 10), ("AVAILABLE_REPLICAS", 25), ("UNAVAILABLE_REPLICAS", 25),
            ("GIT_URL", 45), ("GIT_BRANCH", 20));
        foreach (var s in services)
        {
            table.Add(s.Url, s.Exposed, s.AvailableReplicas, s.UnavailableReplicas, s.GitRepoUrl, s.Branch);
        }

        return table;
    }

    private static async Task<int> DeleteAsync(CliInvocation invocation)
    {
        var name = invocation.Get("name")!;
        if (name.Length == 0)
        {
            return await ClusterOptions.FailAsync(invocation, NoName).ConfigureAwait(false);
        }

        var context = new CliOperationContext(invocation.Error, invocation.CancellationToken);
        if (invocation.Has("local"))
        {
            var stopped = await LocalServices.StopAsync(new LocalServiceStore(), name, context).ConfigureAwait(false);
            await invocation.Out.WriteLineAsync($"local service={name} stopped (process {stopped!.ProcessId})").ConfigureAwait(false);
            return CliApp.ExitOk;
        }

        using var connection = ClusterOptions.Connect(invocation);
        var ns = ClusterOptions.Namespace(invocation, connection);
        var removed = await new ServiceManager(connection.Api).RemoveAsync(ns, name, context).ConfigureAwait(false);
        if (ClusterOptions.Json(invocation))
        {
            await invocation.Out.WriteLineAsync(JsonSerializer.Serialize(removed!, ManagementJsonContext.Readable.BodyworkService)).ConfigureAwait(false);
            return CliApp.ExitOk;
        }

        await invocation.Out.WriteLineAsync($"deployment={name} deleted from namespace={ns}").ConfigureAwait(false);
        if (removed!.Exposed)
        {
            await invocation.Out.WriteLineAsync($"service at http://{name} deleted from namespace={ns}").ConfigureAwait(false);
        }

        return CliApp.ExitOk;
    }

    internal static async Task WriteLinesAsync(CliInvocation invocation, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            await invocation.Out.WriteLineAsync(line).ConfigureAwait(false);
        }
    }
}
