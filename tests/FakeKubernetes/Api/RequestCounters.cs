using System.Collections.Concurrent;

namespace FakeKubernetes;

/// <summary>
/// Request counts by verb (<c>get, list, watch, create, update, patch, apply, delete, deletecollection, discovery</c>) and
/// resource (plural, with subresource: <c>jobs</c>, <c>pods/log</c>, <c>deployments/status</c>). Thread-safe.
/// </summary>
public sealed class RequestCounters
{
    private static readonly HashSet<string> WriteVerbs = ["create", "update", "patch", "apply", "delete", "deletecollection"];
    private readonly ConcurrentDictionary<(string Verb, string Resource), long> _counts = new();

    /// <summary>Requests with this verb, for one resource or (null) all.</summary>
    public long Count(string verb, string? resource = null) =>
        _counts.Where(p => p.Key.Verb == verb && (resource is null || p.Key.Resource == resource)).Sum(p => p.Value);

    /// <summary>All write requests (create, update, patch, apply, delete, deletecollection).</summary>
    public long Writes => _counts.Where(p => WriteVerbs.Contains(p.Key.Verb)).Sum(p => p.Value);

    /// <summary>All requests.</summary>
    public long Total => _counts.Values.Sum();

    /// <summary>A copy of all counts keyed <c>"verb resource"</c>.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => _counts.ToDictionary(p => $"{p.Key.Verb} {p.Key.Resource}", p => p.Value);

    /// <summary>Sets every count to zero.</summary>
    public void Reset() => _counts.Clear();

    internal void Add(string verb, string resource) => _counts.AddOrUpdate((verb, resource), 1, (_, n) => n + 1);
}
