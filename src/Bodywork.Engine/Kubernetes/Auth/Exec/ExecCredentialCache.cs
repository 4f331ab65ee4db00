using System.Collections.Concurrent;

namespace Bodywork.Engine.Kubernetes.Auth.Exec;

/// <summary>
/// One credential per plugin configuration, shared by every client built from the same environment
/// (process-wide for <see cref="Config.KubeConfigEnvironment.Current"/>), with a lock so a plugin never runs
/// twice at once for the same configuration.
/// </summary>
internal sealed class ExecCredentialCache
{
    /// <summary>The cache for the real process environment.</summary>
    public static ExecCredentialCache Process { get; } = new();

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public Entry For(string key) => _entries.GetOrAdd(key, static _ => new Entry());

    internal sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public ExecCredential? Credential { get; set; }
        public int Generation { get; set; }
    }
}
