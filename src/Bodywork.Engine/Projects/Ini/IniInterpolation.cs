using System.Text;

namespace Bodywork.Engine.Projects.Ini;

/// <summary>
/// configparser's ExtendedInterpolation: <c>${key}</c> (same section or [DEFAULT]), <c>${section:key}</c>,
/// <c>$$</c> for a literal dollar; anything else after <c>$</c> is an error. Unlike configparser, a value
/// whose references multiply level after level is stopped once it grows past fixed limits, so no input
/// can make reading a project take forever or exhaust memory.
/// </summary>
internal static class IniInterpolation
{
    /// <summary>Python's MAX_INTERPOLATION_DEPTH.</summary>
    private const int MaxDepth = 10;

    /// <summary>References one value may expand in all (10 levels of fan-out 3 already exceed it).</summary>
    private const int MaxReferences = 10_000;

    /// <summary>Characters one interpolated value may have.</summary>
    private const int MaxLength = 1_000_000;

    public static (string? Value, string? Error) Interpolate(IniDocument document, string section, IniEntry entry)
    {
        var output = new StringBuilder();
        var references = 0;
        var error = Expand(document, section, entry.RawValue, output, 1, ref references);
        if (error is null && output.Length > MaxLength)
        {
            error = $"interpolation expands to more than {MaxReferences} references or {MaxLength} characters (do references multiply at every level?)";
        }
        return error is null ? (output.ToString(), null) : (null, error);
    }

    private static string? Expand(IniDocument document, string section, string rest, StringBuilder output, int depth, ref int references)
    {
        if (depth > MaxDepth)
        {
            return $"interpolation is nested more than {MaxDepth} levels deep (do references form a loop?)";
        }
        var i = 0;
        while (i < rest.Length)
        {
            var dollar = rest.IndexOf('$', i);
            if (dollar < 0)
            {
                output.Append(rest, i, rest.Length - i);
                return null;
            }
            output.Append(rest, i, dollar - i);
            var next = dollar + 1 < rest.Length ? rest[dollar + 1] : '\0';
            if (next == '$')
            {
                output.Append('$');
                i = dollar + 2;
                continue;
            }
            if (next != '{')
            {
                return $"'$' must be followed by '$' or '{{' (write '$$' for a literal '$'), found '{Excerpt(rest, dollar)}'";
            }
            var close = rest.IndexOf('}', dollar + 2);
            if (close < 0 || close == dollar + 2)
            {
                return $"bad interpolation reference '{Excerpt(rest, dollar)}': expected '${{key}}' or '${{section:key}}'";
            }
            if (++references > MaxReferences || output.Length > MaxLength)
            {
                return $"interpolation expands to more than {MaxReferences} references or {MaxLength} characters (do references multiply at every level?)";
            }
            var reference = rest.Substring(dollar + 2, close - dollar - 2);
            i = close + 1;
            var path = reference.Split(':');
            string targetSection;
            string targetKey;
            if (path.Length == 1)
            {
                (targetSection, targetKey) = (section, path[0]);
            }
            else if (path.Length == 2)
            {
                (targetSection, targetKey) = (path[0], path[1]);
            }
            else
            {
                return $"bad interpolation reference '{Shorten($"${{{reference}}}")}': more than one ':' found";
            }
            if (document.GetSection(targetSection) is null)
            {
                return $"bad interpolation reference '{Shorten($"${{{reference}}}")}': there is no section [{Shorten(targetSection)}]";
            }
            var target = document.FindEntry(targetSection, targetKey);
            if (target is null)
            {
                return $"bad interpolation reference '{Shorten($"${{{reference}}}")}': there is no key '{Shorten(targetKey)}' in section [{Shorten(targetSection)}]";
            }
            if (!target.RawValue.Contains('$', StringComparison.Ordinal))
            {
                output.Append(target.RawValue);
                continue;
            }
            var error = Expand(document, targetSection, target.RawValue, output, depth + 1, ref references);
            if (error is not null)
            {
                return error;
            }
        }
        return null;
    }

    /// <summary>Keeps messages readable when a reference is huge (e.g. thousands of nested '${').</summary>
    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "...";

    private static string Excerpt(string text, int start)
    {
        const int max = 20;
        var length = Math.Min(max, text.Length - start);
        var excerpt = text.Substring(start, length);
        return start + length < text.Length ? excerpt + "..." : excerpt;
    }
}
