namespace Bodywork.Cli.Parsing;

/// <summary>A <c>--long-option</c> of a command. Long options may be abbreviated to any unique prefix.</summary>
public sealed class CliOption
{
    public CliOption(string name, string help, CliOptionKind kind = CliOptionKind.Value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Help = help;
        Kind = kind;
    }

    /// <summary>The long name without dashes, e.g. <c>namespace</c>; also the key to read the value.</summary>
    public string Name { get; }

    public string Help { get; }

    public CliOptionKind Kind { get; }

    /// <summary>Other long names without dashes, e.g. <c>ns</c>.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>A one-letter alias such as 'n' for <c>-n</c>, or null.</summary>
    public char? ShortName { get; init; }

    public bool Required { get; init; }

    /// <summary>Placeholder in help, e.g. <c>NAMESPACE</c>; defaults to the upper-cased name.</summary>
    public string? MetaVar { get; init; }

    /// <summary>Allowed values (compared exactly), or null for any.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>Value used when the option is absent (Value kind only).</summary>
    public string? Default { get; init; }

    /// <summary>Checks one value; returns an error such as <c>invalid int value: 'x'</c>, or null when fine.</summary>
    public Func<string, string?>? Validate { get; init; }

    /// <summary><c>--namespace</c> with its alias <c>--ns</c>, as every command of the original has it.</summary>
    public static CliOption Namespace(bool required = true, string help = "Kubernetes namespace to use") =>
        new("namespace", help) { Aliases = ["ns"], Required = required, MetaVar = "NAMESPACE" };

    /// <summary>A validator for whole numbers (argparse <c>type=int</c>).</summary>
    public static string? IntValidator(string value) =>
        int.TryParse(value.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? null
            : $"invalid int value: '{value}'";

    internal IEnumerable<string> LongNames => Aliases.Prepend(Name);

    internal string DisplayMetaVar =>
        Choices is { Count: > 0 } ? "{" + string.Join(',', Choices) + "}" : MetaVar ?? Name.ToUpperInvariant().Replace('-', '_');

    /// <summary><c>--namespace/--ns</c>, as argparse names an option in errors.</summary>
    internal string DisplayName => string.Join('/', LongNames.Select(n => "--" + n));
}
