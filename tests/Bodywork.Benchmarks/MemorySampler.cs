namespace Bodywork.Benchmarks;

/// <summary>Peak managed heap during a phase (sampled every 5 ms), above the heap at its start.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly long _baseline;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public MemorySampler()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        _baseline = GC.GetTotalMemory(false);
        _peak = _baseline;
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var now = GC.GetTotalMemory(false);
                if (now > Interlocked.Read(ref _peak))
                {
                    Interlocked.Exchange(ref _peak, now);
                }

                try
                {
                    await Task.Delay(5, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    /// <summary>Bytes above the baseline at the peak.</summary>
    public long Stop()
    {
        _stop.Cancel();
        _loop.Wait();
        return Math.Max(0, Interlocked.Read(ref _peak) - _baseline);
    }

    public void Dispose() => _stop.Dispose();
}
