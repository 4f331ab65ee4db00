namespace Bodywork.Cli.Parsing;

/// <summary>What a command handler receives: the parsed values, the output writers and the cancellation token.</summary>
public sealed class CliInvocation
{
    private readonly IReadOnlyDictionary<string, List<string>> _values;

    internal CliInvocation(CliCommand command, IReadOnlyDictionary<string, List<string>> values,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        Command = command;
        _values = values;
        Out = output;
        Error = error;
        CancellationToken = cancellationToken;
    }

    public CliCommand Command { get; }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>The value of an option or positional (by its name), its default, or null.</summary>
    public string? Get(string name) => _values.TryGetValue(name, out var v) && v.Count > 0 ? v[^1] : null;

    /// <summary>Every value of a <see cref="CliOptionKind.Values"/> option (empty when absent).</summary>
    public IReadOnlyList<string> GetAll(string name) => _values.TryGetValue(name, out var v) ? v : [];

    /// <summary>Whether a flag or option was given on the command line.</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>An int option already checked by <see cref="CliOption.IntValidator"/>.</summary>
    public int? GetInt(string name) =>
        Get(name) is string s ? int.Parse(s.Trim(), System.Globalization.CultureInfo.InvariantCulture) : null;
}
