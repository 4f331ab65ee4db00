using System.Globalization;
using System.Text.RegularExpressions;

namespace Bodywork.Engine.Validation;

/// <summary>
/// Parses numbers the way Python's <c>int()</c> and <c>float()</c> read a config value (surrounding
/// whitespace, a sign, '_' between digits, exponents for floats), except that inf and nan are refused.
/// </summary>
public static partial class PythonNumbers
{
    [GeneratedRegex("^[+-]?[0-9](?:_?[0-9])*$", RegexOptions.CultureInvariant)]
    private static partial Regex IntRegex();

    [GeneratedRegex("^[+-]?(?:[0-9](?:_?[0-9])*(?:\\.(?:[0-9](?:_?[0-9])*)?)?|\\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatRegex();

    /// <summary>Parses like Python <c>int(text)</c>; false when Python would refuse it or it does not fit in a long.</summary>
    public static bool TryParseInt(string? text, out long value)
    {
        value = 0;
        if (text is null)
        {
            return false;
        }
        var trimmed = text.Trim();
        return IntRegex().IsMatch(trimmed)
            && long.TryParse(trimmed.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses like Python <c>float(text)</c> but only accepts finite numbers.</summary>
    public static bool TryParseFloat(string? text, out double value)
    {
        value = 0;
        if (text is null)
        {
            return false;
        }
        var trimmed = text.Trim();
        return FloatRegex().IsMatch(trimmed)
            && double.TryParse(trimmed.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }
}
