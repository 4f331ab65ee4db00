namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>
/// Client-side rate limit (token bucket). Generous by default (50 QPS, burst 100) so a wide fan-out of
/// stages is not serialised, but a runaway loop cannot flood the API server.
/// </summary>
internal sealed class TokenBucket
{
    private readonly double _ratePerSecond;
    private readonly double _capacity;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private double _tokens;
    private long _lastTimestamp;

    public TokenBucket(double ratePerSecond, int burst, TimeProvider? time = null)
    {
        _ratePerSecond = ratePerSecond;
        _capacity = Math.Max(1, burst);
        _tokens = _capacity;
        _time = time ?? TimeProvider.System;
        _lastTimestamp = _time.GetTimestamp();
    }

    /// <summary>Takes one token, waiting until one is available.</summary>
    public async ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        if (_ratePerSecond <= 0)
        {
            return;
        }

        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetTimestamp();
                _tokens = Math.Min(_capacity, _tokens + (_time.GetElapsedTime(_lastTimestamp, now).TotalSeconds * _ratePerSecond));
                _lastTimestamp = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return;
                }

                wait = TimeSpan.FromSeconds((1 - _tokens) / _ratePerSecond);
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
