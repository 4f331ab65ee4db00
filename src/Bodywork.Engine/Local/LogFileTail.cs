using System.Text;

namespace Bodywork.Engine.Local;

/// <summary>
/// Follows a service's log file while the workflow waits for it, handing complete lines to a callback.
/// The file is written by a detached process, so there is no pipe to read; it is polled by the
/// readiness loop that already wakes up a few times a second.
/// </summary>
internal sealed class LogFileTail
{
    private readonly string _path;
    private readonly Action<string> _onLine;
    private readonly StringBuilder _partial = new();
    private long _position;

    public LogFileTail(string path, Action<string> onLine)
    {
        _path = path;
        _onLine = onLine;
    }

    /// <summary>Reads what was appended since the last call; with <paramref name="final"/> also the last, unterminated line.</summary>
    public void Poll(bool final = false)
    {
        try
        {
            using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length < _position)
            {
                _position = 0; // truncated
            }

            stream.Position = _position;
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
            var text = reader.ReadToEnd();
            _position = stream.Position;
            foreach (var c in text)
            {
                if (c == '\n')
                {
                    Emit();
                }
                else if (c != '\r')
                {
                    _partial.Append(c);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not created yet, or briefly locked: the next poll catches up.
        }

        if (final && _partial.Length > 0)
        {
            Emit();
        }
    }

    private void Emit()
    {
        _onLine(_partial.ToString());
        _partial.Clear();
    }
}
