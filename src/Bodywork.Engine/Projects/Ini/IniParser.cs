using System.Text;

namespace Bodywork.Engine.Projects.Ini;

/// <summary>
/// Reads INI text the way Python's <c>configparser.ConfigParser(interpolation=ExtendedInterpolation())</c>
/// does (strict mode, <c>=</c> and <c>:</c> delimiters, full-line <c>#</c>/<c>;</c> comments, indented
/// continuation lines). Never throws: problems become <see cref="IniError"/>s and reading goes on.
/// </summary>
internal static class IniParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes UTF-8 (an invalid byte is an error naming its line) and parses.</summary>
    public static IniDocument Parse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var invalidAt = FindInvalidUtf8(bytes);
        if (invalidAt is int offset)
        {
            var line = 1 + bytes.AsSpan(0, offset).Count((byte)'\n');
            return new IniDocument([], new IniSection(IniDocument.DefaultSectionName, 0),
                [new IniError(line, null, null, $"the file is not valid UTF-8 text (invalid byte 0x{bytes[offset]:X2} at line {line})")], isText: false);
        }
        var text = StrictUtf8.GetString(bytes);
        return Parse(text);
    }

    public static IniDocument Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        var errors = new List<IniError>();
        var sections = new List<IniSection>();
        var byName = new Dictionary<string, IniSection>(StringComparer.Ordinal);
        var defaults = new IniSection(IniDocument.DefaultSectionName, 0);
        IniSection? current = null;
        IniEntry? option = null;
        List<string>? optionLines = null;
        var indentLevel = 0;
        var lineNumber = 0;

        void FinishOption()
        {
            if (option is not null && optionLines is not null)
            {
                option.RawValue = string.Join('\n', optionLines).TrimEnd();
            }
            option = null;
            optionLines = null;
        }

        foreach (var line in SplitLines(text))
        {
            lineNumber++;
            var stripped = line.Trim();
            var isComment = stripped.StartsWith('#') || stripped.StartsWith(';');
            if (isComment || stripped.Length == 0)
            {
                // configparser keeps blank lines inside a multi-line value (trailing ones are trimmed at the end).
                if (!isComment && optionLines is not null)
                {
                    optionLines.Add("");
                }
                continue;
            }
            var indent = line.Length - line.TrimStart().Length;
            if (option is not null && indent > indentLevel)
            {
                optionLines!.Add(stripped);
                continue;
            }
            FinishOption();
            indentLevel = indent;
            if (stripped[0] == '[' && stripped.LastIndexOf(']') > 1)
            {
                var name = stripped[1..stripped.LastIndexOf(']')];
                if (name == IniDocument.DefaultSectionName)
                {
                    // configparser lets [DEFAULT] be reopened (its keys must still be unique).
                    current = defaults;
                }
                else if (byName.TryGetValue(name, out var existing))
                {
                    errors.Add(new IniError(lineNumber, name, null,
                        $"section [{name}] appears more than once (first at line {existing.Line})"));
                    current = existing;
                }
                else
                {
                    current = new IniSection(name, lineNumber);
                    byName.Add(name, current);
                    sections.Add(current);
                }
                continue;
            }
            if (current is null)
            {
                errors.Add(new IniError(lineNumber, null, null,
                    $"expected a section header such as [default] before any key, found '{Shorten(stripped)}'"));
                continue;
            }
            var delimiter = stripped.IndexOfAny(['=', ':']);
            var key = delimiter < 0 ? "" : stripped[..delimiter].TrimEnd();
            if (key.Length == 0)
            {
                errors.Add(new IniError(lineNumber, current.Name, null, delimiter < 0
                    ? $"expected 'KEY = value' or a [section] header, found '{Shorten(stripped)}'"
                    : $"expected a key before '{stripped[delimiter]}', found '{Shorten(stripped)}'"));
                continue;
            }
            var entry = new IniEntry(key, "", lineNumber);
            if (!current.TryAdd(entry))
            {
                var first = current.Find(key)!;
                errors.Add(new IniError(lineNumber, current.Name, key,
                    $"key {key} appears more than once in section [{current.Name}] (first at line {first.Line})"));
            }
            option = entry;
            optionLines = [stripped[(delimiter + 1)..].Trim()];
        }
        FinishOption();
        return new IniDocument(sections, defaults, errors);
    }

    /// <summary>Splits on \r\n, \n and \r, like Python's universal newlines.</summary>
    private static IEnumerable<string> SplitLines(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                yield return text[start..i];
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    private static int? FindInvalidUtf8(byte[] bytes)
    {
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return null;
        }
        catch (DecoderFallbackException e)
        {
            return Math.Clamp(e.Index, 0, bytes.Length - 1);
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
