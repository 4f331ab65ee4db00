using System.Reflection;
using Bodywork.Cli.Commands;
using Bodywork.Cli.Parsing;
using Bodywork.Models.Errors;

namespace Bodywork.Cli;

/// <summary>The <c>bodywork</c> command line: parse, run one command, map the outcome to an exit code.</summary>
public static class CliApp
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;
    /// <summary>Ctrl+C, as shells report SIGINT.</summary>
    public const int ExitCancelled = 130;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var root = CommandRegistry.BuildRoot();
        CliParseResult parsed;
        try
        {
            parsed = CliParser.Parse(root, args);
        }
        catch (CliUsageException e)
        {
            await WriteUsageErrorAsync(stderr, e.Command, e.Message).ConfigureAwait(false);
            return ExitUsage;
        }
        switch (parsed.Action)
        {
            case CliParseAction.Help:
                await stdout.WriteAsync(CliHelp.Help(parsed.Command)).ConfigureAwait(false);
                return ExitOk;
            case CliParseAction.Version:
                await stdout.WriteLineAsync(Version).ConfigureAwait(false);
                return ExitOk;
            case CliParseAction.NoCommand when parsed.Command == root:
                // The original's banner, on stderr, exit 0.
                await stderr.WriteLineAsync(root.Help).ConfigureAwait(false);
                await stderr.WriteLineAsync("--> see bodywork -h for help").ConfigureAwait(false);
                return ExitOk;
            case CliParseAction.NoCommand:
                await WriteUsageErrorAsync(stderr, parsed.Command, "the following arguments are required: command").ConfigureAwait(false);
                return ExitUsage;
        }
        var invocation = new CliInvocation(parsed.Command, parsed.Values, stdout, stderr, cancellationToken);
        try
        {
            return await parsed.Command.Handler!(invocation).ConfigureAwait(false);
        }
        catch (CliUsageException e)
        {
            await WriteUsageErrorAsync(stderr, e.Command, e.Message).ConfigureAwait(false);
            return ExitUsage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("cancelled").ConfigureAwait(false);
            return ExitCancelled;
        }
        catch (BodyworkException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitFailure;
        }
    }

    /// <summary>The version without build metadata (e.g. <c>0.1.0</c>).</summary>
    public static string Version
    {
        get
        {
            var info = typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? typeof(CliApp).Assembly.GetName().Version?.ToString() ?? "0.0.0";
            var plus = info.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? info : info[..plus];
        }
    }

    private static async Task WriteUsageErrorAsync(TextWriter stderr, CliCommand command, string message)
    {
        await stderr.WriteLineAsync(CliHelp.Usage(command)).ConfigureAwait(false);
        await stderr.WriteLineAsync($"{command.FullName}: error: {message}").ConfigureAwait(false);
    }
}
