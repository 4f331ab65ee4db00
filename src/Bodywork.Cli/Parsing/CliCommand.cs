namespace Bodywork.Cli.Parsing;

/// <summary>
/// A command or command group of the <c>bodywork</c> CLI: options, positionals, sub-commands and the
/// handler that runs when it is the last command named. Built with the fluent methods below.
/// </summary>
public sealed class CliCommand
{
    private readonly List<CliOption> _options = [];
    private readonly List<CliPositional> _positionals = [];
    private readonly List<CliCommand> _subcommands = [];

    public CliCommand(string name, string help)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Help = help;
    }

    public string Name { get; }

    /// <summary>One-paragraph description; its first sentence is shown in the parent's command list.</summary>
    public string Help { get; }

    public CliCommand? Parent { get; private set; }

    public IReadOnlyList<CliOption> Options => _options;

    public IReadOnlyList<CliPositional> Positionals => _positionals;

    public IReadOnlyList<CliCommand> Subcommands => _subcommands;

    public Func<CliInvocation, Task<int>>? Handler { get; private set; }

    /// <summary><c>bodywork secret create</c>: the names from the root down.</summary>
    public string FullName => Parent is null ? Name : Parent.FullName + " " + Name;

    public CliCommand Option(CliOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        _options.Add(option);
        return this;
    }

    public CliCommand Positional(CliPositional positional)
    {
        ArgumentNullException.ThrowIfNull(positional);
        _positionals.Add(positional);
        return this;
    }

    public CliCommand Subcommand(CliCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (_positionals.Count > 0)
        {
            throw new InvalidOperationException($"{Name}: a command has either positionals or sub-commands, not both");
        }
        command.Parent = this;
        _subcommands.Add(command);
        return this;
    }

    public CliCommand Handle(Func<CliInvocation, Task<int>> handler)
    {
        Handler = handler;
        return this;
    }
}
