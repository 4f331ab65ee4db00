namespace Bodywork.Cli.Parsing;

/// <summary>A command line that does not fit the command's grammar (exit code 2, usage on stderr).</summary>
public sealed class CliUsageException : Exception
{
    public CliUsageException(CliCommand command, string message) : base(message) => Command = command;

    public CliUsageException() : this(new CliCommand("bodywork", ""), "usage error") { }

    public CliUsageException(string message) : this(new CliCommand("bodywork", ""), message) { }

    public CliUsageException(string message, Exception innerException) : base(message, innerException) =>
        Command = new CliCommand("bodywork", "");

    /// <summary>The command whose usage is printed.</summary>
    public CliCommand Command { get; }
}
