namespace FakeKubernetes;

/// <summary>A bounded log of recent requests.</summary>
internal sealed class RequestLog(int capacity)
{
    private readonly Queue<RecordedRequest> _items = new();
    private readonly Lock _gate = new();

    public void Add(RecordedRequest request)
    {
        lock (_gate)
        {
            _items.Enqueue(request);
            while (_items.Count > capacity) _items.Dequeue();
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate) return [.. _items];
    }
}
