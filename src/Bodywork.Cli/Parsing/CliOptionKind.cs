namespace Bodywork.Cli.Parsing;

public enum CliOptionKind
{
    /// <summary><c>--force</c>: present or not.</summary>
    Flag,
    /// <summary><c>--name value</c> or <c>--name=value</c>; the last occurrence wins.</summary>
    Value,
    /// <summary><c>--data A=1 B=2</c> (argparse nargs='*'): every following token that is not an option.</summary>
    Values,
}
