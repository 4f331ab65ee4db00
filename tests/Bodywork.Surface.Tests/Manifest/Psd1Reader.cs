using System.Globalization;
using System.Text;

namespace Bodywork.Surface.Tests.Manifest;

/// <summary>
/// Reads the subset of PowerShell data files our manifest uses: comments, '…' and "…" strings,
/// @() arrays, @{} hashtables, $true/$false and integers. Anything else is an error with its offset,
/// so the manifest cannot drift into syntax the tests silently misread.
/// </summary>
internal sealed class Psd1Reader
{
    private readonly string _text;
    private int _pos;

    private Psd1Reader(string text) => _text = text;

    public static Dictionary<string, object?> ReadHashtable(string text)
    {
        var reader = new Psd1Reader(text);
        reader.SkipTrivia();
        var value = reader.ReadValue();
        reader.SkipTrivia();
        if (reader._pos != text.Length)
        {
            throw reader.Error("text after the top-level hashtable");
        }

        return value as Dictionary<string, object?> ?? throw reader.Error("the file must be one @{ } hashtable");
    }

    private object? ReadValue()
    {
        SkipTrivia();
        if (Peek("@{"))
        {
            return ReadTable();
        }

        if (Peek("@("))
        {
            return ReadArray();
        }

        var c = Current;
        if (c is '\'' or '"')
        {
            return ReadString();
        }

        var word = ReadWord();
        return word.ToLowerInvariant() switch
        {
            "$true" => true,
            "$false" => false,
            "$null" => null,
            _ when long.TryParse(word, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => throw Error($"unsupported value '{word}'"),
        };
    }

    private Dictionary<string, object?> ReadTable()
    {
        _pos += 2;
        var table = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            SkipTrivia(alsoSeparators: true);
            if (Current == '}')
            {
                _pos++;
                return table;
            }

            var key = Current is '\'' or '"' ? ReadString() : ReadWord();
            SkipTrivia();
            Expect('=');
            if (!table.TryAdd(key, ReadValue()))
            {
                throw Error($"duplicate key '{key}'");
            }
        }
    }

    private List<object?> ReadArray()
    {
        _pos += 2;
        var items = new List<object?>();
        while (true)
        {
            SkipTrivia(alsoSeparators: true, alsoCommas: true);
            if (Current == ')')
            {
                _pos++;
                return items;
            }

            items.Add(ReadValue());
        }
    }

    private string ReadString()
    {
        var quote = Current;
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error("unterminated string");
            }

            var c = _text[_pos++];
            if (c == quote)
            {
                if (_pos < _text.Length && _text[_pos] == quote)
                {
                    sb.Append(quote);
                    _pos++;
                    continue;
                }

                return sb.ToString();
            }

            if (quote == '"' && c is '$' or '`')
            {
                throw Error("expandable strings are not supported in the manifest; use single quotes");
            }

            sb.Append(c);
        }
    }

    private string ReadWord()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '$' or '-' or '.'))
        {
            _pos++;
        }

        return _pos > start ? _text[start.._pos] : throw Error($"unexpected '{Current}'");
    }

    private void SkipTrivia(bool alsoSeparators = false, bool alsoCommas = false)
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '#')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (Peek("<#"))
            {
                var end = _text.IndexOf("#>", _pos, StringComparison.Ordinal);
                _pos = end < 0 ? throw Error("unterminated block comment") : end + 2;
            }
            else if (char.IsWhiteSpace(c) || (alsoSeparators && c == ';') || (alsoCommas && c == ','))
            {
                _pos++;
            }
            else
            {
                return;
            }
        }
    }

    private char Current => _pos < _text.Length ? _text[_pos] : '\0';

    private bool Peek(string s) => string.CompareOrdinal(_text, _pos, s, 0, s.Length) == 0;

    private void Expect(char c)
    {
        if (Current != c)
        {
            throw Error($"expected '{c}'");
        }

        _pos++;
    }

    private FormatException Error(string what)
    {
        var line = _text.AsSpan(0, Math.Min(_pos, _text.Length)).Count('\n') + 1;
        return new FormatException($"psd1 line {line}: {what}");
    }
}
