namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>Parameters of a pod log read.</summary>
public sealed record PodLogOptions
{
    /// <summary>Container name; required when the pod has more than one.</summary>
    public string? Container { get; init; }

    /// <summary>Keep the stream open until the container exits (StreamLogAsync reconnects if it drops).</summary>
    public bool Follow { get; init; }

    /// <summary>The previous (terminated) instance of the container.</summary>
    public bool Previous { get; init; }

    /// <summary>Only lines at or after this time.</summary>
    public DateTimeOffset? SinceTime { get; init; }

    /// <summary>Only lines from the last N seconds (ignored when <see cref="SinceTime"/> is set).</summary>
    public long? SinceSeconds { get; init; }

    /// <summary>Only the last N lines.</summary>
    public long? TailLines { get; init; }

    /// <summary>Prefix each line with its RFC 3339 timestamp and a space.</summary>
    public bool Timestamps { get; init; }

    /// <summary>Stop after this many bytes.</summary>
    public long? LimitBytes { get; init; }
}
