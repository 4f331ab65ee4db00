namespace Bodywork.Cli.Parsing;

/// <summary>A positional argument of a command.</summary>
public sealed class CliPositional
{
    public CliPositional(string name, string help)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Help = help;
    }

    /// <summary>The key to read the value, e.g. <c>path</c>; shown upper-cased in help.</summary>
    public string Name { get; }

    public string Help { get; }

    public bool Required { get; init; } = true;

    public string? Default { get; init; }

    public Func<string, string?>? Validate { get; init; }

    internal string DisplayName => Name.ToUpperInvariant().Replace('-', '_');
}
