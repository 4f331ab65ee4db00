using System.Text;
using System.Text.RegularExpressions;

namespace Bodywork.Engine.Management;

/// <summary>
/// PowerShell-style wildcards (<c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[a-z]</c>, backtick escapes) for
/// -Name filters. The engine cannot use SMA's WildcardPattern, and Kubernetes names are lower case, so
/// matching ignores case as PowerShell does.
/// </summary>
public sealed class NamePattern
{
    private readonly Regex? _regex;
    private readonly string _literal;

    private NamePattern(string text)
    {
        Text = text;
        IsWildcard = ContainsWildcard(text);
        _literal = Unescape(text);
        _regex = IsWildcard ? new Regex(ToRegex(text), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant) : null;
    }

    /// <summary>The pattern as given.</summary>
    public string Text { get; }

    /// <summary>False for a plain name: no match is then an error ("not found"), not an empty result.</summary>
    public bool IsWildcard { get; }

    /// <summary>The name itself when <see cref="IsWildcard"/> is false (escapes removed).</summary>
    public string Literal => _literal;

    public static NamePattern Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new NamePattern(text);
    }

    public static bool ContainsWildcard(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '`':
                    i++;
                    break;
                case '*' or '?' or '[':
                    return true;
            }
        }

        return false;
    }

    public bool IsMatch(string name) =>
        _regex?.IsMatch(name) ?? string.Equals(name, _literal, StringComparison.OrdinalIgnoreCase);

    private static string Unescape(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '`' && i + 1 < text.Length)
            {
                i++;
            }

            sb.Append(text[i]);
        }

        return sb.ToString();
    }

    private static string ToRegex(string text)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '`' when i + 1 < text.Length:
                    sb.Append(Regex.Escape(text[++i].ToString()));
                    break;
                case '*':
                    sb.Append(".*");
                    break;
                case '?':
                    sb.Append('.');
                    break;
                case '[':
                    var close = text.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        sb.Append(@"\[");
                        break;
                    }

                    var set = text[(i + 1)..close];
                    sb.Append('[').Append(set.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("^", @"\^", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return sb.Append('$').ToString();
    }
}
