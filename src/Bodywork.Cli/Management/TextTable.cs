using System.Globalization;
using System.Text;

namespace Bodywork.Cli.Management;

/// <summary>
/// The original's tables: each column left-aligned and padded to a fixed width, never truncated (a long
/// value pushes the rest of the row right), as Python's <c>f"{value:&lt;width}"</c> printed them.
/// </summary>
public sealed class TextTable
{
    private readonly (string Header, int Width)[] _columns;
    private readonly List<string> _lines = [];

    public TextTable(params (string Header, int Width)[] columns)
    {
        _columns = columns;
        _lines.Add(Row(columns.Select(c => c.Header).ToArray()));
    }

    public void Add(params object?[] values) => _lines.Add(Row(values.Select(Text).ToArray()));

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Python's <c>str(datetime)</c> for an aware UTC time: <c>2020-09-15 00:00:00+00:00</c>; None when unset.</summary>
    public static string PythonTime(DateTimeOffset? time) =>
        time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "+00:00" : "None";

    private string Row(string[] values)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < _columns.Length; i++)
        {
            sb.Append((i < values.Length ? values[i] : "").PadRight(_columns[i].Width));
        }

        return sb.ToString();
    }

    private static string Text(object? value) => value switch
    {
        null => "None",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
