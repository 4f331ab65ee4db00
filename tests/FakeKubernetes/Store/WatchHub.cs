using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace FakeKubernetes;

/// <summary>One message for a watch stream.</summary>
internal sealed record WatchMessage(string Type, JsonObject Object);

/// <summary>What a watch sees: a namespace (null = all) plus label and field selectors.</summary>
internal sealed record WatchFilter(string? Namespace, LabelSelector Labels, FieldSelector Fields)
{
    public bool Matches(JsonObject obj) =>
        (Namespace is null || Meta.Namespace(obj) == Namespace)
        && Labels.Matches(obj) && Fields.Matches(obj);
}

/// <summary>Open watch streams. The store publishes events under its lock, so each stream's order is the store's order.</summary>
internal sealed class WatchHub
{
    private readonly Lock _gate = new();
    private readonly List<WatchSubscription> _subs = [];
    private volatile bool _stalled;

    public ObjectStore? Store { get; set; }

    public bool Stalled
    {
        get => _stalled;
        set => _stalled = value;
    }

    public int OpenCount
    {
        get { lock (_gate) return _subs.Count; }
    }

    public WatchSubscription Register(ResourceType type, WatchFilter filter)
    {
        var sub = new WatchSubscription(this, type, filter);
        lock (_gate) _subs.Add(sub);
        return sub;
    }

    public void Unregister(WatchSubscription sub)
    {
        lock (_gate) _subs.Remove(sub);
    }

    public void Publish(StoreEvent e)
    {
        WatchSubscription[] subs;
        lock (_gate) subs = [.. _subs];
        foreach (var s in subs.Where(s => s.Resource == e.Resource)) s.Offer(e);
    }

    public void DropAll()
    {
        WatchSubscription[] subs;
        lock (_gate) subs = [.. _subs];
        foreach (var s in subs) s.Drop();
    }

    public void ExpireAll()
    {
        var store = Store;
        store?.Compact();
        var compacted = store?.CompactedResourceVersion ?? 0;
        WatchSubscription[] subs;
        lock (_gate) subs = [.. _subs];
        foreach (var s in subs) s.Expire(compacted, compacted);
    }
}

/// <summary>One open watch: a queue of messages plus how the stream must end.</summary>
internal sealed class WatchSubscription : IDisposable
{
    private readonly WatchHub _hub;
    private readonly Channel<WatchMessage> _channel = Channel.CreateUnbounded<WatchMessage>(new UnboundedChannelOptions { SingleReader = true });

    public WatchSubscription(WatchHub hub, ResourceType resource, WatchFilter filter)
    {
        _hub = hub;
        Resource = resource;
        Filter = filter;
    }

    public ResourceType Resource { get; }

    public WatchFilter Filter { get; }

    /// <summary>Set when the stream must be cut abruptly (no final event).</summary>
    public CancellationTokenSource Dropped { get; } = new();

    public ChannelReader<WatchMessage> Reader => _channel.Reader;

    public bool IsStalled => _hub.Stalled;

    public void Enqueue(WatchMessage message) => _channel.Writer.TryWrite(message);

    /// <summary>Translates a store event through the filter: objects entering the selection are ADDED, leaving it DELETED.</summary>
    public void Offer(StoreEvent e)
    {
        var now = Filter.Matches(e.Object);
        var before = e.Previous is not null && Filter.Matches(e.Previous);
        string? type = e.Type switch
        {
            "ADDED" => now ? "ADDED" : null,
            "DELETED" => now || before ? "DELETED" : null,
            _ => (before, now) switch
            {
                (true, true) => "MODIFIED",
                (false, true) => "ADDED",
                (true, false) => "DELETED",
                _ => null,
            },
        };
        if (type is not null) Enqueue(new WatchMessage(type, e.Object.DeepClone().AsObject()));
    }

    public void Expire(long requested, long current)
    {
        var status = StatusObjects.Build(410, "Expired",
            string.Create(CultureInfo.InvariantCulture, $"too old resource version: {requested} ({current})"));
        Enqueue(new WatchMessage("ERROR", status));
        _channel.Writer.TryComplete();
    }

    public void Bookmark(ResourceType type, long rv) =>
        Enqueue(new WatchMessage("BOOKMARK", new JsonObject
        {
            ["kind"] = type.Kind,
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) },
        }));

    public void Drop()
    {
        try { Dropped.Cancel(); } catch (ObjectDisposedException) { }
        _channel.Writer.TryComplete();
    }

    public void Dispose()
    {
        _hub.Unregister(this);
        _channel.Writer.TryComplete();
        Dropped.Dispose();
    }
}
