using Bodywork.Cli.Parsing;

namespace Bodywork.Cli.Workflows;

/// <summary>Parses <c>--secret VAR=value</c> tokens the way the original parsed <c>--data</c> (split at the first '=').</summary>
public static class SecretArguments
{
    public const string Example = "could not parse secret - example format: --secret USERNAME=alex PASSWORD=alex123";

    /// <exception cref="CliUsageException">A token without '=', with an empty name or an empty value. The value is never echoed.</exception>
    public static IReadOnlyDictionary<string, string> Parse(CliCommand command, IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == token.Length - 1)
            {
                throw new CliUsageException(command, Example);
            }

            values[token[..equals].Trim()] = token[(equals + 1)..];
        }

        return values;
    }
}
