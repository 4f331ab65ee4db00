namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>
/// Tuning of the REST client: retries, timeouts, rate limit, paging and watch behaviour. The defaults
/// suit real clusters; tests shrink the delays.
/// </summary>
public sealed record KubernetesClientOptions
{
    /// <summary>The defaults.</summary>
    public static KubernetesClientOptions Default { get; } = new();

    /// <summary>Server-side apply field manager (one stable name, so re-runs converge).</summary>
    public string FieldManager { get; init; } = "bodywork";

    /// <summary>Attempts per idempotent call, including the first (429, 502/503/504, 5xx with Retry-After, connection loss).</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>No retry starts after this much time has passed since the first attempt.</summary>
    public TimeSpan MaxRetryDuration { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>First backoff delay; doubles per attempt with full jitter.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Backoff ceiling (also the cap for a server's Retry-After).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one ordinary request (not watches or followed logs, which run until cancelled).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Client-side rate limit, requests per second (token bucket). 0 or less disables it.</summary>
    public double QueriesPerSecond { get; init; } = 50;

    /// <summary>Token-bucket burst size.</summary>
    public int Burst { get; init; } = 100;

    /// <summary>Items per page when listing (limit); every page is fetched unless a single page is asked for.</summary>
    public int ListPageSize { get; init; } = 500;

    /// <summary>Lower bound of the server-side watch timeout (timeoutSeconds is random between this and twice it).</summary>
    public TimeSpan WatchServerTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A watch stream with no event, bookmark or byte for this long is treated as dead and reconnected.</summary>
    public TimeSpan WatchInactivityTimeout { get; init; } = TimeSpan.FromMinutes(11);

    /// <summary>First delay before re-watching after a dropped stream or re-listing; doubles up to <see cref="WatchMaxBackoff"/>.</summary>
    public TimeSpan WatchInitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Ceiling of the re-watch backoff.</summary>
    public TimeSpan WatchMaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First delay before retrying a log read whose container is still waiting to start.</summary>
    public TimeSpan LogRetryInitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Receives the text of each <c>Warning</c> response header (deprecations, unknown fields in Warn mode,
    /// the Job-orphaning warning), so front ends can show it (Write-Warning). Called on any thread.
    /// </summary>
    public Action<string>? OnWarning { get; init; }
}
