using System.Text;

namespace FakeKubernetes;

/// <summary>One container's log: timestamped lines, a partial last line, and a signal for followers.</summary>
internal sealed class LogBuffer
{
    private readonly Lock _gate = new();
    private readonly List<(DateTime Time, string Line)> _lines = [];
    private readonly StringBuilder _partial = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _closed;

    /// <summary>Appends raw text; complete lines become log lines, a trailing fragment waits for its newline (or close).</summary>
    public void Append(string text)
    {
        lock (_gate)
        {
            foreach (var ch in text)
            {
                if (ch == '\n')
                {
                    _lines.Add((DateTime.UtcNow, _partial.ToString() + "\n"));
                    _partial.Clear();
                }
                else if (ch != '\r') _partial.Append(ch);
            }
            Signal();
        }
    }

    public void AppendLine(string line) => Append(line + "\n");

    /// <summary>Marks the container as terminated: no more lines will come (a trailing fragment is flushed without newline).</summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_partial.Length > 0)
            {
                _lines.Add((DateTime.UtcNow, _partial.ToString()));
                _partial.Clear();
            }
            _closed = true;
            Signal();
        }
    }

    /// <summary>Reopens after a container restart.</summary>
    public void Reopen()
    {
        lock (_gate) _closed = false;
    }

    public (List<(DateTime Time, string Line)> Lines, bool Closed, Task Changed) Snapshot(int from)
    {
        lock (_gate) return (_lines.Skip(from).ToList(), _closed, _changed.Task);
    }

    public string Text
    {
        get
        {
            lock (_gate) return string.Concat(_lines.Select(l => l.Line)) + _partial;
        }
    }

    private void Signal()
    {
        var previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }
}
