using System.Text.RegularExpressions;

namespace Bodywork.Cli.Parsing;

/// <summary>
/// An argparse-like parser: sub-commands, positionals, <c>--opt value</c> / <c>--opt=value</c>, unique
/// prefixes of long options, <c>-h</c>/<c>--help</c> everywhere, <c>--version</c> at the root, <c>--</c>.
/// Bad command lines raise <see cref="CliUsageException"/> with argparse-style messages.
/// </summary>
public static partial class CliParser
{
    [GeneratedRegex(@"^-\d+(\.\d*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NegativeNumberRegex();

    public static CliParseResult Parse(CliCommand root, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        var command = root;
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var positionalIndex = 0;
        var onlyPositionals = false;
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (!onlyPositionals && token == "--")
            {
                onlyPositionals = true;
                continue;
            }
            if (!onlyPositionals && IsOptionLike(token))
            {
                if (token is "-h" or "--help")
                {
                    return new CliParseResult(CliParseAction.Help, command, values);
                }
                if (command == root && token == "--version")
                {
                    return new CliParseResult(CliParseAction.Version, command, values);
                }
                i = ReadOption(command, args, i, values);
                continue;
            }
            if (command.Subcommands.Count > 0)
            {
                command = command.Subcommands.FirstOrDefault(c => c.Name == token)
                    ?? throw new CliUsageException(command,
                        $"argument command: invalid choice: '{token}' (choose from {string.Join(", ", command.Subcommands.Select(c => $"'{c.Name}'"))})");
                values.Clear();
                positionalIndex = 0;
                continue;
            }
            if (positionalIndex >= command.Positionals.Count)
            {
                throw new CliUsageException(command, $"unrecognized arguments: {string.Join(' ', args.Skip(i))}");
            }
            var positional = command.Positionals[positionalIndex++];
            Check(command, positional.DisplayName, positional.Validate, null, token);
            values[positional.Name] = [token];
        }
        if (command.Subcommands.Count > 0)
        {
            if (command == root || command.Handler is null)
            {
                return new CliParseResult(CliParseAction.NoCommand, command, values);
            }
        }
        var missing = command.Options.Where(o => o.Required && !values.ContainsKey(o.Name)).Select(o => o.DisplayName)
            .Concat(command.Positionals.Skip(positionalIndex).Where(p => p.Required).Select(p => p.DisplayName))
            .ToList();
        if (missing.Count > 0)
        {
            throw new CliUsageException(command, $"the following arguments are required: {string.Join(", ", missing)}");
        }
        foreach (var option in command.Options.Where(o => o.Default is not null && !values.ContainsKey(o.Name)))
        {
            values[option.Name] = [option.Default!];
        }
        foreach (var positional in command.Positionals.Skip(positionalIndex).Where(p => p.Default is not null))
        {
            values[positional.Name] = [positional.Default!];
        }
        return new CliParseResult(CliParseAction.Run, command, values);
    }

    private static bool IsOptionLike(string token) =>
        token.Length > 1 && token[0] == '-' && !NegativeNumberRegex().IsMatch(token);

    /// <summary>Reads the option at <paramref name="i"/> and its values; returns the index of the last token used.</summary>
    private static int ReadOption(CliCommand command, IReadOnlyList<string> args, int i, Dictionary<string, List<string>> values)
    {
        var token = args[i];
        string? inlineValue = null;
        CliOption option;
        if (token.StartsWith("--", StringComparison.Ordinal))
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? token[2..] : token[2..equals];
            inlineValue = equals < 0 ? null : token[(equals + 1)..];
            option = Resolve(command, name, token);
        }
        else
        {
            option = command.Options.FirstOrDefault(o => o.ShortName == token[1])
                ?? throw new CliUsageException(command, $"unrecognized arguments: {token}");
            if (token.Length > 2)
            {
                inlineValue = token[2..];
            }
        }
        switch (option.Kind)
        {
            case CliOptionKind.Flag:
                if (inlineValue is not null)
                {
                    throw new CliUsageException(command, $"argument {option.DisplayName}: ignored explicit argument '{inlineValue}'");
                }
                values[option.Name] = ["true"];
                return i;
            case CliOptionKind.Value:
                if (inlineValue is null)
                {
                    if (i + 1 >= args.Count || IsOptionLike(args[i + 1]))
                    {
                        throw new CliUsageException(command, $"argument {option.DisplayName}: expected one argument");
                    }
                    inlineValue = args[++i];
                }
                Check(command, option.DisplayName, option.Validate, option.Choices, inlineValue);
                values[option.Name] = [inlineValue];
                return i;
            default:
                var list = values.TryGetValue(option.Name, out var existing) ? existing : values[option.Name] = [];
                if (inlineValue is not null)
                {
                    Check(command, option.DisplayName, option.Validate, option.Choices, inlineValue);
                    list.Add(inlineValue);
                    return i;
                }
                while (i + 1 < args.Count && !IsOptionLike(args[i + 1]) && args[i + 1] != "--")
                {
                    Check(command, option.DisplayName, option.Validate, option.Choices, args[i + 1]);
                    list.Add(args[++i]);
                }
                return i;
        }
    }

    /// <summary>An exact long name or alias, else the one option that the prefix abbreviates.</summary>
    private static CliOption Resolve(CliCommand command, string name, string token)
    {
        var exact = command.Options.FirstOrDefault(o => o.LongNames.Contains(name, StringComparer.Ordinal));
        if (exact is not null)
        {
            return exact;
        }
        var candidates = name.Length == 0 ? [] : command.Options
            .SelectMany(o => o.LongNames.Where(n => n.StartsWith(name, StringComparison.Ordinal)).Select(n => (Option: o, Name: n)))
            .ToList();
        var distinct = candidates.Select(c => c.Option).Distinct().ToList();
        return distinct.Count switch
        {
            1 => distinct[0],
            0 => throw new CliUsageException(command, $"unrecognized arguments: {token}"),
            _ => throw new CliUsageException(command,
                $"ambiguous option: --{name} could match {string.Join(", ", candidates.Select(c => "--" + c.Name))}"),
        };
    }

    private static void Check(CliCommand command, string display, Func<string, string?>? validate, IReadOnlyList<string>? choices, string value)
    {
        if (choices is { Count: > 0 } && !choices.Contains(value, StringComparer.Ordinal))
        {
            throw new CliUsageException(command,
                $"argument {display}: invalid choice: '{value}' (choose from {string.Join(", ", choices.Select(c => $"'{c}'"))})");
        }
        if (validate?.Invoke(value) is string error)
        {
            throw new CliUsageException(command, $"argument {display}: {error}");
        }
    }
}
