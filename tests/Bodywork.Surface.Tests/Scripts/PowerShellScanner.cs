using System.Text;

namespace Bodywork.Surface.Tests.Scripts;

/// <summary>
/// A token-level check of PowerShell text, for a machine without pwsh: comments, '…' and "…" strings
/// (with "$(…)" subexpressions), here-strings, ${…} variables and backtick escapes are skipped, and
/// (), {}, [] must balance. It catches what breaks a whole file (an unclosed brace or quote, a
/// here-string whose terminator is indented or missing, typographic quotes that PowerShell reads as
/// quotes); it is not a parser and says nothing about the meaning of the code.
/// </summary>
internal sealed class PowerShellScanner
{
    private readonly string _text;
    private readonly List<string> _errors = [];
    private readonly Stack<(char Open, int Line)> _open = new();
    private readonly StringBuilder _code;
    private int _pos;
    private List<int>? _lineStarts;

    private PowerShellScanner(string text)
    {
        _text = text;
        _code = new StringBuilder(text);
    }

    /// <summary>The problems found, each as "line N: what".</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>The text with comments and string contents blanked (newlines kept), for looking at commands.</summary>
    public string Code => _code.ToString();

    public static PowerShellScanner Scan(string text)
    {
        var scanner = new PowerShellScanner(text);
        scanner.ScanCode(floor: -1);
        foreach (var (open, line) in scanner._open)
        {
            scanner._errors.Add($"line {line}: '{open}' is never closed");
        }

        return scanner;
    }

    // Scans code until a closing bracket brings the stack back to `floor` (the end of a "$(…)" inside a
    // string) or the text ends.
    private void ScanCode(int floor)
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            switch (c)
            {
                case '`':
                    _pos += 2;
                    break;
                case '#' when AtTokenStart():
                    SkipLineComment();
                    break;
                case '<' when Peek(1) == '#':
                    SkipBlockComment();
                    break;
                case '@' when Peek(1) is '\'' or '"':
                    SkipHereString();
                    break;
                case '\'':
                    SkipSingleQuoted();
                    break;
                case '"':
                    SkipDoubleQuoted();
                    break;
                case '$' when Peek(1) == '{':
                    SkipBracedVariable();
                    break;
                case '(' or '{' or '[':
                    _open.Push((c, LineAt(_pos)));
                    _pos++;
                    break;
                case ')' or '}' or ']':
                    Close(c);
                    _pos++;
                    if (_open.Count == floor)
                    {
                        return;
                    }

                    break;
                case '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u201C' or '\u201D' or '\u201E':
                    _errors.Add($"line {LineAt(_pos)}: typographic quote U+{(int)c:X4}; PowerShell reads it as a quote, use ' or \"");
                    _pos++;
                    break;
                default:
                    _pos++;
                    break;
            }
        }
    }

    private void Close(char closer)
    {
        var expected = closer switch { ')' => '(', '}' => '{', _ => '[' };
        if (_open.Count == 0)
        {
            _errors.Add($"line {LineAt(_pos)}: '{closer}' closes nothing");
            return;
        }

        var (open, line) = _open.Pop();
        if (open != expected)
        {
            _errors.Add($"line {LineAt(_pos)}: '{closer}' closes '{open}' opened on line {line}");
        }
    }

    // '#' starts a comment only where a token can start: "a#b" is one bare word.
    private bool AtTokenStart() =>
        _pos == 0 || char.IsWhiteSpace(_text[_pos - 1]) || "(){}[];|&,=".Contains(_text[_pos - 1], StringComparison.Ordinal);

    private void SkipLineComment()
    {
        var end = _text.IndexOf('\n', _pos);
        end = end < 0 ? _text.Length : end;
        Blank(_pos, end);
        _pos = end;
    }

    private void SkipBlockComment()
    {
        var start = _pos;
        var end = _text.IndexOf("#>", _pos + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            _errors.Add($"line {LineAt(start)}: block comment '<#' has no '#>'");
            Blank(start, _text.Length);
            _pos = _text.Length;
            return;
        }

        Blank(start, end + 2);
        _pos = end + 2;
    }

    private void SkipHereString()
    {
        var start = _pos;
        var quote = _text[_pos + 1];
        var lineEnd = _text.IndexOf('\n', _pos);
        var header = _text[(_pos + 2)..(lineEnd < 0 ? _text.Length : lineEnd)];
        if (lineEnd < 0 || header.Trim().Length != 0)
        {
            _errors.Add($"line {LineAt(start)}: here-string header @{quote} must end its line");
            _pos += 2;
            return;
        }

        // The terminator is the first line that starts with quote + '@' (column 1: indentation is not allowed).
        var terminator = "\n" + quote + "@";
        var end = _text.IndexOf(terminator, lineEnd, StringComparison.Ordinal);
        if (end < 0)
        {
            var indented = FindIndentedTerminator(lineEnd, quote);
            _errors.Add(indented > 0
                ? $"line {LineAt(start)}: here-string @{quote} ends on line {indented} with an indented {quote}@; it must start the line"
                : $"line {LineAt(start)}: here-string @{quote} has no {quote}@ at the start of a line");
            Blank(start, _text.Length);
            _pos = _text.Length;
            return;
        }

        Blank(start, end + terminator.Length);
        _pos = end + terminator.Length;
    }

    private int FindIndentedTerminator(int from, char quote)
    {
        var lines = _text[from..].Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith(quote + "@", StringComparison.Ordinal))
            {
                return LineAt(from) + i;
            }
        }

        return -1;
    }

    private void SkipSingleQuoted()
    {
        var start = _pos++;
        while (_pos < _text.Length)
        {
            if (IsSingleQuote(_text[_pos]))
            {
                if (_pos + 1 < _text.Length && IsSingleQuote(_text[_pos + 1]))
                {
                    _pos += 2; // '' is an escaped quote
                    continue;
                }

                Blank(start + 1, _pos);
                _pos++;
                return;
            }

            _pos++;
        }

        _errors.Add($"line {LineAt(start)}: string ' is never closed");
        Blank(start, _text.Length);
    }

    private void SkipDoubleQuoted()
    {
        var start = _pos++;
        var blankFrom = _pos;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '`')
            {
                _pos += 2;
            }
            else if (IsDoubleQuote(c))
            {
                if (_pos + 1 < _text.Length && IsDoubleQuote(_text[_pos + 1]))
                {
                    _pos += 2; // "" is an escaped quote
                    continue;
                }

                Blank(blankFrom, _pos);
                _pos++;
                return;
            }
            else if (c == '$' && Peek(1) == '(')
            {
                // A subexpression is code again, with its own strings and brackets.
                Blank(blankFrom, _pos);
                _open.Push(('(', LineAt(_pos)));
                _pos += 2;
                var floor = _open.Count - 1;
                ScanCode(floor);
                if (_open.Count > floor)
                {
                    _errors.Add($"line {LineAt(start)}: string \" is never closed");
                    return;
                }

                blankFrom = _pos;
            }
            else if (c == '$' && Peek(1) == '{')
            {
                SkipBracedVariable();
            }
            else
            {
                _pos++;
            }
        }

        _errors.Add($"line {LineAt(start)}: string \" is never closed");
        Blank(start, _text.Length);
    }

    private void SkipBracedVariable()
    {
        var end = _text.IndexOf('}', _pos);
        if (end < 0)
        {
            _errors.Add($"line {LineAt(_pos)}: variable '${{' is never closed");
            _pos = _text.Length;
            return;
        }

        _pos = end + 1;
    }

    private static bool IsSingleQuote(char c) => c is '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B';

    private static bool IsDoubleQuote(char c) => c is '"' or '\u201C' or '\u201D' or '\u201E';

    private char Peek(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private int LineAt(int index)
    {
        _lineStarts ??= [0, .. _text.Select((c, i) => (c, i)).Where(x => x.c == '\n').Select(x => x.i + 1)];
        var found = _lineStarts.BinarySearch(index);
        return found >= 0 ? found + 1 : ~found;
    }

    private void Blank(int from, int to)
    {
        for (var i = from; i < to && i < _code.Length; i++)
        {
            if (_code[i] is not '\n' and not '\r')
            {
                _code[i] = ' ';
            }
        }
    }
}
