using System.Globalization;
using System.Text.Json.Nodes;

namespace FakeKubernetes;

/// <summary>A change as seen by watches: the object after the change (for DELETED, its last state) and before it.</summary>
internal sealed record StoreEvent(long ResourceVersion, string Type, ResourceType Resource, JsonObject Object, JsonObject? Previous);

/// <summary>
/// The in-memory object store: one lock, a global resourceVersion counter, a bounded event history for watches.
/// Stored objects are private copies; everything handed out is a deep clone.
/// </summary>
internal sealed class ObjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ResourceType, SortedDictionary<string, JsonObject>> _objects = [];
    private readonly LinkedList<StoreEvent> _history = new();
    private readonly int _historyLimit;
    private long _rv = 1000;
    private long _compactedRv = 1000;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ObjectStore(int historyLimit, WatchHub hub)
    {
        _historyLimit = Math.Max(10, historyLimit);
        Hub = hub;
        foreach (var t in ResourceTypes.All) _objects[t] = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
    }

    public WatchHub Hub { get; }

    /// <summary>Raised (outside the lock) after every change; the controllers use it to wake up.</summary>
    public event Action? Changed;

    public long CurrentResourceVersion
    {
        get { lock (_gate) return _rv; }
    }

    /// <summary>The newest resourceVersion no longer covered by the event history (watches from it or older expire).</summary>
    public long CompactedResourceVersion
    {
        get { lock (_gate) return _compactedRv; }
    }

    private static string Key(ResourceType type, string? ns, string name) => type.Namespaced ? $"{ns}/{name}" : name;

    public JsonObject? Get(ResourceType type, string? ns, string name)
    {
        lock (_gate) return _objects[type].TryGetValue(Key(type, ns, name), out var o) ? o.DeepClone().AsObject() : null;
    }

    /// <summary>Objects of a type (in one namespace or all), sorted by namespace/name, with the resourceVersion of the read.</summary>
    public (List<JsonObject> Items, long ResourceVersion) ListWithVersion(ResourceType type, string? ns)
    {
        lock (_gate)
        {
            var items = _objects[type].Values
                .Where(o => ns is null || !type.Namespaced || Meta.Namespace(o) == ns)
                .Select(o => o.DeepClone().AsObject())
                .ToList();
            return (items, _rv);
        }
    }

    public List<JsonObject> List(ResourceType type, string? ns) => ListWithVersion(type, ns).Items;

    /// <summary>Every stored object of every type (clones), for the garbage collector.</summary>
    public List<(ResourceType Type, JsonObject Object)> All()
    {
        lock (_gate) return _objects.SelectMany(p => p.Value.Values.Select(o => (p.Key, o.DeepClone().AsObject()))).ToList();
    }

    /// <summary>Stores a new object; fills uid, creationTimestamp, resourceVersion, generation. Returns null if the name is taken.</summary>
    public JsonObject? Create(ResourceType type, JsonObject obj)
    {
        Action? changed;
        JsonObject result;
        lock (_gate)
        {
            var meta = Meta.Of(obj);
            var key = Key(type, Meta.Namespace(obj), Meta.Name(obj));
            if (_objects[type].ContainsKey(key)) return null;
            obj["apiVersion"] = type.ApiVersion;
            obj["kind"] = type.Kind;
            if (!type.Namespaced) meta.Remove("namespace");
            meta["uid"] ??= Guid.NewGuid().ToString();
            meta["creationTimestamp"] ??= Meta.Now();
            if (UsesGeneration(type)) meta["generation"] = 1;
            meta["resourceVersion"] = Next();
            MoveMetadataFirst(obj);
            obj = Normalize(obj);
            _objects[type][key] = obj;
            result = obj.DeepClone().AsObject();
            Record("ADDED", type, obj, null);
            changed = SignalLocked();
        }
        changed?.Invoke();
        return result;
    }

    /// <summary>Replaces a stored object (which must exist); bumps resourceVersion and, on a spec change, generation.</summary>
    public JsonObject Replace(ResourceType type, JsonObject obj)
    {
        Action? changed;
        JsonObject result;
        lock (_gate)
        {
            var key = Key(type, Meta.Namespace(obj), Meta.Name(obj));
            var old = _objects[type][key];
            obj["apiVersion"] = type.ApiVersion;
            obj["kind"] = type.Kind;
            var meta = Meta.Of(obj);
            var oldMeta = Meta.Of(old);
            meta["uid"] = oldMeta["uid"]?.DeepClone();
            meta["creationTimestamp"] = oldMeta["creationTimestamp"]?.DeepClone();
            if (!type.Namespaced) meta.Remove("namespace");
            if (UsesGeneration(type))
            {
                var generation = Meta.Long(oldMeta["generation"]) ?? 1;
                if (!JsonNode.DeepEquals(old["spec"], obj["spec"])) generation++;
                meta["generation"] = generation;
            }
            meta["resourceVersion"] = old["metadata"]!["resourceVersion"]!.DeepClone();
            obj = Normalize(obj);
            if (JsonNode.DeepEquals(old, obj)) return old.DeepClone().AsObject();
            meta = Meta.Of(obj);
            meta["resourceVersion"] = Next();
            MoveMetadataFirst(obj);
            obj = Normalize(obj);
            _objects[type][key] = obj;
            result = obj.DeepClone().AsObject();
            Record("MODIFIED", type, obj, old);
            changed = SignalLocked();
        }
        changed?.Invoke();
        return result;
    }

    /// <summary>Create-or-replace used by tests' direct seeding.</summary>
    public JsonObject Put(JsonObject obj)
    {
        var type = ResourceTypes.Require(obj["apiVersion"]?.GetValue<string>() ?? "", obj["kind"]?.GetValue<string>() ?? "");
        var meta = Meta.Of(obj);
        if (type.Namespaced && meta["namespace"] is null) meta["namespace"] = "default";
        return Create(type, obj.DeepClone().AsObject()) ?? Replace(type, obj);
    }

    /// <summary>Applies <paramref name="mutate"/> to a copy and stores it if it changed; null when absent.</summary>
    public JsonObject? Mutate(ResourceType type, string? ns, string name, Action<JsonObject> mutate)
    {
        lock (_gate)
        {
            if (!_objects[type].TryGetValue(Key(type, ns, name), out var current)) return null;
            var copy = current.DeepClone().AsObject();
            mutate(copy);
            // Lock is re-entrant (same thread), so Replace can take it again.
            return Replace(type, copy);
        }
    }

    /// <summary>Removes an object now and emits DELETED. Returns whether it existed.</summary>
    public bool Remove(ResourceType type, string? ns, string name)
    {
        Action? changed;
        lock (_gate)
        {
            var key = Key(type, ns, name);
            if (!_objects[type].Remove(key, out var old)) return false;
            var last = old.DeepClone().AsObject();
            last["metadata"]!["resourceVersion"] = Next();
            Record("DELETED", type, last, old);
            changed = SignalLocked();
        }
        changed?.Invoke();
        return true;
    }

    /// <summary>Registers a watch atomically with the replay of history after <paramref name="fromRv"/> (null = synthetic ADDED of current objects).</summary>
    public WatchSubscription Subscribe(ResourceType type, WatchFilter filter, long? fromRv)
    {
        lock (_gate)
        {
            var sub = Hub.Register(type, filter);
            if (fromRv is null)
            {
                foreach (var o in _objects[type].Values.Where(o => filter.Matches(o)))
                    sub.Enqueue(new WatchMessage("ADDED", o.DeepClone().AsObject()));
            }
            else if (fromRv < _compactedRv)
            {
                sub.Expire(fromRv.Value, _compactedRv);
            }
            else
            {
                foreach (var e in _history.Where(e => e.ResourceVersion > fromRv && e.Resource == type)) sub.Offer(e);
            }
            return sub;
        }
    }

    /// <summary>Queues a BOOKMARK with the current resourceVersion, ordered after every event already queued.</summary>
    public void Bookmark(WatchSubscription sub)
    {
        lock (_gate) sub.Bookmark(sub.Resource, _rv);
    }

    /// <summary>Drops the whole history: every resourceVersion up to now becomes too old.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _history.Clear();
            _compactedRv = _rv + 1;
        }
    }

    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_gate) changed = _changed.Task;
            if (condition()) return;
            try
            {
                // Also re-check periodically: conditions may depend on state outside the store (logs, processes).
                await changed.WaitAsync(TimeSpan.FromMilliseconds(250), cts.Token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                if (condition()) return;
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}.");
            }
        }
    }

    /// <summary>Wakes waiters without a store change (used by the kubelet when logs grow).</summary>
    public void Poke()
    {
        Action? changed;
        lock (_gate) changed = SignalLocked();
        changed?.Invoke();
    }

    /// <summary>
    /// Re-parses an object so every value is JSON-backed: numbers written by code (long/int) then read back the same way
    /// as parsed ones (e.g. <c>(int)node</c> works), and stored trees are never shared with callers.
    /// </summary>
    private static JsonObject Normalize(JsonObject obj) => JsonNode.Parse(obj.ToJsonString())!.AsObject();

    private static bool UsesGeneration(ResourceType type) =>
        type == ResourceTypes.Job || type == ResourceTypes.CronJob || type == ResourceTypes.Deployment || type == ResourceTypes.ReplicaSet || type == ResourceTypes.Pod;

    private string Next() => (++_rv).ToString(CultureInfo.InvariantCulture);

    private void Record(string kind, ResourceType type, JsonObject obj, JsonObject? old)
    {
        var e = new StoreEvent(_rv, kind, type, obj.DeepClone().AsObject(), old?.DeepClone().AsObject());
        _history.AddLast(e);
        while (_history.Count > _historyLimit)
        {
            _compactedRv = _history.First!.Value.ResourceVersion;
            _history.RemoveFirst();
        }
        Hub.Publish(e);
    }

    private Action? SignalLocked()
    {
        var previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
        return Changed;
    }

    private static void MoveMetadataFirst(JsonObject obj)
    {
        // Keep apiVersion, kind, metadata first like a real server's output (nicer logs; order is not semantic).
        string[] first = ["apiVersion", "kind", "metadata"];
        var rest = obj.Where(p => !first.Contains(p.Key)).Select(p => p.Key).ToList();
        foreach (var key in rest)
        {
            var value = obj[key];
            obj.Remove(key);
            obj[key] = value;
        }
    }
}
