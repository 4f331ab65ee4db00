using System.Text;

namespace Bodywork.Cli.Parsing;

/// <summary>Usage lines and <c>--help</c> text in argparse's layout.</summary>
public static class CliHelp
{
    private const int Column = 24;

    public static string Usage(CliCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parts = new List<string> { "usage: " + command.FullName, "[-h]" };
        if (command.Parent is null)
        {
            parts.Add("[--version]");
        }
        foreach (var option in command.Options)
        {
            var text = "--" + option.Name + (option.Kind switch
            {
                CliOptionKind.Flag => "",
                CliOptionKind.Values => $" [{option.DisplayMetaVar} ...]",
                _ => " " + option.DisplayMetaVar,
            });
            parts.Add(option.Required ? text : $"[{text}]");
        }
        foreach (var positional in command.Positionals)
        {
            parts.Add(positional.Required ? positional.DisplayName : $"[{positional.DisplayName}]");
        }
        if (command.Subcommands.Count > 0)
        {
            parts.Add("{" + string.Join(',', command.Subcommands.Select(c => c.Name)) + "} ...");
        }
        return string.Join(' ', parts);
    }

    public static string Help(CliCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var text = new StringBuilder();
        text.AppendLine(Usage(command)).AppendLine();
        if (command.Help.Length > 0)
        {
            text.AppendLine(command.Help).AppendLine();
        }
        if (command.Subcommands.Count > 0)
        {
            text.AppendLine("commands:");
            foreach (var sub in command.Subcommands)
            {
                Row(text, sub.Name, FirstSentence(sub.Help));
            }
            text.AppendLine();
        }
        if (command.Positionals.Count > 0)
        {
            text.AppendLine("positional arguments:");
            foreach (var positional in command.Positionals)
            {
                Row(text, positional.DisplayName, positional.Help);
            }
            text.AppendLine();
        }
        text.AppendLine("options:");
        Row(text, "-h, --help", "show this help message and exit");
        if (command.Parent is null)
        {
            Row(text, "--version", "show program's version number and exit");
        }
        foreach (var option in command.Options)
        {
            var names = string.Join(", ", (option.ShortName is char c ? new[] { "-" + c } : []).Concat(option.LongNames.Select(n => "--" + n)));
            var meta = option.Kind == CliOptionKind.Flag ? "" : " " + option.DisplayMetaVar;
            var help = option.Help + (option.Required ? " (required)" : "") + (option.Default is null ? "" : $" (default: {option.Default})");
            Row(text, names + meta, help);
        }
        return text.ToString();
    }

    private static void Row(StringBuilder text, string left, string right)
    {
        left = "  " + left;
        if (left.Length >= Column - 1)
        {
            text.AppendLine(left).Append(' ', Column).AppendLine(right);
        }
        else
        {
            text.Append(left.PadRight(Column)).AppendLine(right);
        }
    }

    private static string FirstSentence(string help)
    {
        var end = help.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? help.TrimEnd('.') : help[..end];
    }
}
