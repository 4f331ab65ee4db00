using System.Globalization;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>
/// Tracks the timestamp of the last log line delivered, so a resumed stream (sinceTime, second precision)
/// can skip what was already seen: lines strictly older are dropped, lines with the same timestamp are
/// dropped if their text was delivered.
/// </summary>
internal sealed class LogLineDeduplicator
{
    private readonly HashSet<string> _atLast = new(StringComparer.Ordinal);
    private string? _lastStamp;
    private DateTimeOffset _lastTime;

    /// <summary>The time to resume from, or null before any timestamped line.</summary>
    public DateTimeOffset? ResumeFrom => _lastStamp is null ? null : _lastTime;

    /// <summary>Returns false for a repeat; <paramref name="text"/> is the line without its timestamp.</summary>
    public bool Accept(string line, out string text)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var stamp = space > 0 ? line[..space] : line;
        if (!TryParse(stamp, out var time))
        {
            text = line; // No timestamp (should not happen): deliver as is.
            return true;
        }

        text = space > 0 ? line[(space + 1)..] : "";
        if (_lastStamp is not null)
        {
            if (time < _lastTime)
            {
                return false;
            }

            if (time == _lastTime)
            {
                return _atLast.Add(line);
            }
        }

        _lastStamp = stamp;
        _lastTime = time;
        _atLast.Clear();
        _atLast.Add(line);
        return true;
    }

    /// <summary>Parses RFC 3339 with up to nanosecond fractions (.NET parses at most 7 digits).</summary>
    internal static bool TryParse(string stamp, out DateTimeOffset time)
    {
        time = default;
        var dot = stamp.IndexOf('.', StringComparison.Ordinal);
        var zoneStart = stamp.IndexOfAny(['Z', 'z', '+'], 19);
        if (zoneStart < 0)
        {
            zoneStart = stamp.LastIndexOf('-');
            if (zoneStart < 19)
            {
                return false;
            }
        }

        var fraction = dot > 0 && dot < zoneStart ? stamp[(dot + 1)..zoneStart] : "";
        var basePart = (dot > 0 && dot < zoneStart ? stamp[..dot] : stamp[..zoneStart]) + stamp[zoneStart..];
        if (fraction.Any(c => !char.IsAsciiDigit(c))
            || !DateTimeOffset.TryParseExact(basePart, "yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time))
        {
            return false;
        }

        var ticks = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(7, '0')[..7], CultureInfo.InvariantCulture);
        time = time.AddTicks(ticks);
        return true;
    }
}
