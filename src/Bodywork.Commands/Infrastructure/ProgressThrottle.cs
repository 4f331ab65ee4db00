using System.Diagnostics;
using Bodywork.Models.Operations;

namespace Bodywork.Commands.Infrastructure;

/// <summary>
/// Drops progress updates that arrive faster than about four a second per activity (rendering
/// progress is slow in some hosts), and remembers open activities so they can be completed.
/// Used on the pipeline thread only.
/// </summary>
internal sealed class ProgressThrottle
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(250);
    private readonly Dictionary<int, TimeSpan> _lastShown = new();
    private readonly List<ProgressUpdate> _open = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>True when <paramref name="update"/> should be shown now.</summary>
    public bool ShouldShow(ProgressUpdate update)
    {
        var now = _clock.Elapsed;
        _open.RemoveAll(p => p.ActivityId == update.ActivityId);
        if (update.Completed)
        {
            _lastShown.Remove(update.ActivityId);
            return true;
        }

        _open.Add(update);
        if (_lastShown.TryGetValue(update.ActivityId, out var last) && now - last < MinimumInterval)
        {
            return false;
        }

        _lastShown[update.ActivityId] = now;
        return true;
    }

    /// <summary>Completed records for every activity still open, children before parents.</summary>
    public IReadOnlyList<ProgressUpdate> TakeOpenActivities()
    {
        var completions = Enumerable.Reverse(_open).Select(p => p with { Completed = true }).ToList();
        _open.Clear();
        _lastShown.Clear();
        return completions;
    }
}
