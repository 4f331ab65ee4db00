namespace Bodywork.Cli.Parsing;

public enum CliParseAction
{
    /// <summary>Run the command's handler.</summary>
    Run,
    /// <summary><c>-h</c>/<c>--help</c>: print the command's help.</summary>
    Help,
    /// <summary><c>--version</c>.</summary>
    Version,
    /// <summary>A command group named without a sub-command (at the root: the original's banner).</summary>
    NoCommand,
}

/// <summary>The outcome of parsing a command line.</summary>
public sealed record CliParseResult(CliParseAction Action, CliCommand Command, IReadOnlyDictionary<string, List<string>> Values);
