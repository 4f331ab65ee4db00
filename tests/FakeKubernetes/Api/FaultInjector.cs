namespace FakeKubernetes;

/// <summary>
/// Fault injection. Request rules match an optional verb (see <see cref="RequestCounters"/>) and resource plural
/// (<c>jobs</c>, <c>pods/log</c>) and apply to the next <c>count</c> matching requests, oldest rule first.
/// </summary>
public sealed class FaultInjector
{
    private readonly List<FaultRule> _rules = [];
    private readonly Lock _gate = new();
    internal WatchHub? Watches { get; set; }

    /// <summary>The next <paramref name="count"/> matching requests answer <paramref name="statusCode"/> with a Status body (and <c>Retry-After</c> when given).</summary>
    public FaultRule FailNext(int count, int statusCode = 500, int? retryAfterSeconds = null, string? verb = null, string? resource = null) =>
        Add(new FaultRule(FaultKind.Status, count, verb, resource) { StatusCode = statusCode, RetryAfterSeconds = retryAfterSeconds });

    /// <summary>The next matching requests answer with a raw body (e.g. <c>404 page not found</c> text or an HTML 502 page).</summary>
    public FaultRule FailNextWithBody(int count, int statusCode, string contentType, string body, string? verb = null, string? resource = null) =>
        Add(new FaultRule(FaultKind.RawBody, count, verb, resource) { StatusCode = statusCode, ContentType = contentType, Body = body });

    /// <summary>The next matching requests are delayed by <paramref name="delay"/> before being served.</summary>
    public FaultRule DelayNext(int count, TimeSpan delay, string? verb = null, string? resource = null) =>
        Add(new FaultRule(FaultKind.Delay, count, verb, resource) { Delay = delay });

    /// <summary>The next matching requests have their connection aborted (connection reset, no response).</summary>
    public FaultRule ResetNext(int count, string? verb = null, string? resource = null) =>
        Add(new FaultRule(FaultKind.Reset, count, verb, resource));

    /// <summary>Aborts every open watch stream (connection cut mid-stream, no ERROR event).</summary>
    public void DropWatches() => Watches?.DropAll();

    /// <summary>
    /// Forgets the event history: open watches receive an <c>ERROR</c> 410 Expired event and end; a later watch or
    /// continue token from a resourceVersion at or before now gets 410 Expired, forcing a relist.
    /// </summary>
    public void ExpireWatches() => Watches?.ExpireAll();

    /// <summary>While set, open and new watches send nothing (silent stall; connection stays open).</summary>
    public bool StallWatches
    {
        get => Watches?.Stalled ?? false;
        set { if (Watches is not null) Watches.Stalled = value; }
    }

    /// <summary>Number of currently open watch streams.</summary>
    public int OpenWatches => Watches?.OpenCount ?? 0;

    /// <summary>Removes all request rules and un-stalls watches.</summary>
    public void Clear()
    {
        lock (_gate) _rules.Clear();
        StallWatches = false;
    }

    private FaultRule Add(FaultRule rule)
    {
        lock (_gate) _rules.Add(rule);
        return rule;
    }

    internal IReadOnlyList<FaultRule> Take(string verb, string resource)
    {
        var taken = new List<FaultRule>();
        lock (_gate)
        {
            foreach (var kind in new[] { FaultKind.Delay, FaultKind.Reset, FaultKind.Status, FaultKind.RawBody })
            {
                var rule = _rules.FirstOrDefault(r => r.Kind == kind && r.Remaining > 0 && r.Matches(verb, resource));
                if (rule is null) continue;
                rule.Consume();
                taken.Add(rule);
                if (kind is FaultKind.Reset or FaultKind.Status or FaultKind.RawBody) break;
            }
            _rules.RemoveAll(r => r.Remaining <= 0);
        }
        return taken;
    }
}

internal enum FaultKind { Status, RawBody, Delay, Reset }

/// <summary>One fault rule; <see cref="Hits"/> tells how many requests it affected.</summary>
public sealed class FaultRule
{
    private int _remaining;
    private int _hits;

    internal FaultRule(FaultKind kind, int count, string? verb, string? resource)
    {
        Kind = kind;
        _remaining = count;
        Verb = verb;
        Resource = resource;
    }

    internal FaultKind Kind { get; }
    internal int StatusCode { get; init; }
    internal int? RetryAfterSeconds { get; init; }
    internal string ContentType { get; init; } = "text/plain";
    internal string Body { get; init; } = "";
    internal TimeSpan Delay { get; init; }

    /// <summary>Verb filter (null = any).</summary>
    public string? Verb { get; }

    /// <summary>Resource filter (null = any).</summary>
    public string? Resource { get; }

    /// <summary>Requests still to be affected.</summary>
    public int Remaining => Volatile.Read(ref _remaining);

    /// <summary>Requests affected so far.</summary>
    public int Hits => Volatile.Read(ref _hits);

    internal bool Matches(string verb, string resource) =>
        (Verb is null || Verb == verb) && (Resource is null || Resource == resource);

    internal void Consume()
    {
        Interlocked.Decrement(ref _remaining);
        Interlocked.Increment(ref _hits);
    }
}
