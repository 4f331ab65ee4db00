namespace Bodywork.Engine.Kubernetes.Watch;

/// <summary>Doubling, jittered delay for reconnect loops; reset after progress.</summary>
internal sealed class Backoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public Backoff(TimeSpan initial, TimeSpan max)
    {
        _initial = initial;
        _max = max;
        _next = initial;
    }

    public void Reset() => _next = _initial;

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
#pragma warning disable CA5394 // jitter needs no cryptographic randomness
        var delay = TimeSpan.FromTicks((long)(_next.Ticks * (0.5 + (Random.Shared.NextDouble() / 2))));
#pragma warning restore CA5394
        _next = TimeSpan.FromTicks(Math.Min(_max.Ticks, _next.Ticks * 2));
        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
    }
}
