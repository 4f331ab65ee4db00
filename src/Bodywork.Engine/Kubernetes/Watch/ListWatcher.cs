using System.Runtime.CompilerServices;
using System.Text.Json;
using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Errors;
using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Kubernetes.Watch;

/// <summary>
/// client-go's reflector loop (spec §3.2): LIST → WATCH from the list's resourceVersion with bookmarks and
/// a random server timeout → track the resourceVersion from every event and bookmark → on a clean end or a
/// dropped/stalled stream re-watch from it (with backoff) → on 410/Expired re-list and replay the current
/// state (objects gone meanwhile as Deleted). Only cancellation ends it.
/// </summary>
internal sealed class ListWatcher<T> where T : class, IKubernetesObject
{
    private readonly ResourceOperations<T> _operations;
    private readonly string? _namespace;
    private readonly WatchOptions _options;
    private readonly KubernetesClientOptions _client;
    private readonly Dictionary<string, T> _known = new(StringComparer.Ordinal);

    public ListWatcher(ResourceOperations<T> operations, string? ns, WatchOptions options)
    {
        _operations = operations;
        _namespace = ns;
        _options = options;
        _client = operations.Transport.Options;
    }

    private string Operation => $"watching {_operations.Type.Kind}s{(_namespace is null ? "" : " in namespace " + _namespace)}";

    public async IAsyncEnumerable<WatchEvent<T>> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var resourceVersion = _options.ResourceVersion;
        var needList = string.IsNullOrEmpty(resourceVersion);
        var everConnected = false;
        var backoff = new Backoff(_client.WatchInitialBackoff, _client.WatchMaxBackoff);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (needList)
            {
                var list = await TryListAsync(everConnected, cancellationToken).ConfigureAwait(false);
                if (list is null)
                {
                    await backoff.WaitAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                everConnected = true;
                resourceVersion = list.Metadata.ResourceVersion;
                needList = false;
                foreach (var e in Replay(list.Items))
                {
                    yield return e;
                }
            }

            var stream = await TryOpenAsync(resourceVersion!, everConnected, cancellationToken).ConfigureAwait(false);
            if (stream.Outcome == StreamOutcome.Expired)
            {
                needList = true;
                continue;
            }

            if (stream.Outcome == StreamOutcome.Failed)
            {
                await backoff.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            everConnected = true;
            using (var reader = stream.Reader!)
            {
                while (true)
                {
                    var next = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    if (next.Outcome == StreamOutcome.Event)
                    {
                        backoff.Reset();
                        var e = next.Event!;
                        if (e.Resource.Metadata.ResourceVersion is { Length: > 0 } rv)
                        {
                            resourceVersion = rv;
                        }

                        Track(e);
                        yield return e;
                        continue;
                    }

                    if (next.Outcome == StreamOutcome.Bookmark)
                    {
                        resourceVersion = next.ResourceVersion ?? resourceVersion;
                        continue;
                    }

                    if (next.Outcome == StreamOutcome.Expired)
                    {
                        needList = true;
                    }
                    else if (next.Outcome == StreamOutcome.Failed || !reader.ReceivedAnything)
                    {
                        // A dropped, stalled or instantly-closed stream: do not hammer the server.
                        await backoff.WaitAsync(cancellationToken).ConfigureAwait(false);
                    }

                    break; // Ended cleanly (server timeout): re-watch from resourceVersion at once.
                }
            }
        }
    }

    private async Task<KubernetesList<T>?> TryListAsync(bool everConnected, CancellationToken cancellationToken)
    {
        try
        {
            return await _operations.ListAsync(_namespace, new ListOptions
            {
                LabelSelector = _options.LabelSelector,
                FieldSelector = _options.FieldSelector,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException ex) when (everConnected && IsTransient(ex))
        {
            return null;
        }
    }

    private async Task<OpenResult> TryOpenAsync(string resourceVersion, bool everConnected, CancellationToken cancellationToken)
    {
        var minimum = Math.Max(1, (int)_client.WatchServerTimeout.TotalSeconds);
#pragma warning disable CA5394 // spreading reconnects needs no cryptographic randomness
        var timeoutSeconds = minimum + Random.Shared.Next(minimum + 1);
#pragma warning restore CA5394
        var uri = new QueryString(_operations.Type.CollectionPath(_namespace))
            .Add("watch", "true")
            .Add("resourceVersion", resourceVersion)
            .Add("allowWatchBookmarks", "true")
            .Add("timeoutSeconds", timeoutSeconds)
            .Add("labelSelector", string.IsNullOrEmpty(_options.LabelSelector) ? null : _options.LabelSelector)
            .Add("fieldSelector", string.IsNullOrEmpty(_options.FieldSelector) ? null : _options.FieldSelector)
            .ToString();
        try
        {
            var response = await _operations.Transport.SendStreamingAsync(new KubernetesRequest(HttpMethod.Get, uri, Operation), cancellationToken)
                .ConfigureAwait(false);
            return new OpenResult(StreamOutcome.Event, new WatchStreamReader(this, response, _client.WatchInactivityTimeout));
        }
        catch (KubernetesApiException ex) when (ex.Reason == KubernetesErrorReason.Gone)
        {
            return new OpenResult(StreamOutcome.Expired, null);
        }
        catch (KubernetesApiException ex) when (everConnected && IsTransient(ex))
        {
            return new OpenResult(StreamOutcome.Failed, null);
        }
    }

    private static bool IsTransient(KubernetesApiException ex) => ex.Reason is KubernetesErrorReason.Unreachable
        or KubernetesErrorReason.ServerError or KubernetesErrorReason.TooManyRequests;

    private List<WatchEvent<T>> Replay(IReadOnlyList<T> items)
    {
        var current = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            current[Key(item)] = item;
        }

        var events = new List<WatchEvent<T>>();
        foreach (var (key, gone) in _known)
        {
            if (!current.ContainsKey(key))
            {
                events.Add(new WatchEvent<T>(WatchEventType.Deleted, gone));
            }
        }

        events.AddRange(items.Select(i => new WatchEvent<T>(WatchEventType.Added, i)));
        _known.Clear();
        foreach (var (key, item) in current)
        {
            _known[key] = item;
        }

        return events;
    }

    private void Track(WatchEvent<T> e)
    {
        if (e.Type == WatchEventType.Deleted)
        {
            _known.Remove(Key(e.Resource));
        }
        else
        {
            _known[Key(e.Resource)] = e.Resource;
        }
    }

    private static string Key(T item) => item.Metadata.Namespace + "/" + item.Metadata.Name;

    private enum StreamOutcome
    {
        Event,
        Bookmark,
        Expired,
        Failed,
        Ended,
    }

    private sealed record OpenResult(StreamOutcome Outcome, WatchStreamReader? Reader);

    private sealed record ReadResult(StreamOutcome Outcome, WatchEvent<T>? Event = null, string? ResourceVersion = null);

    /// <summary>Reads newline-delimited watch events; maps every way a stream can end to an outcome.</summary>
    private sealed class WatchStreamReader : IDisposable
    {
        private readonly ListWatcher<T> _owner;
        private readonly HttpResponseMessage _response;
        private readonly TimeSpan _inactivity;
        private StreamReader? _reader;

        public WatchStreamReader(ListWatcher<T> owner, HttpResponseMessage response, TimeSpan inactivity)
        {
            _owner = owner;
            _response = response;
            _inactivity = inactivity;
        }

        public bool ReceivedAnything { get; private set; }

        public async Task<ReadResult> ReadAsync(CancellationToken cancellationToken)
        {
            using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stall.CancelAfter(_inactivity);
            string? line;
            try
            {
                _reader ??= new StreamReader(await _response.Content.ReadAsStreamAsync(stall.Token).ConfigureAwait(false));
                do
                {
                    line = await _reader.ReadLineAsync(stall.Token).ConfigureAwait(false);
                }
                while (line is { Length: 0 });
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new ReadResult(StreamOutcome.Failed); // Silent stall: the connection is presumed dead.
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or ObjectDisposedException)
            {
                return new ReadResult(StreamOutcome.Failed);
            }

            if (line is null)
            {
                return new ReadResult(StreamOutcome.Ended);
            }

            ReceivedAnything = true;
            return Parse(line);
        }

        private ReadResult Parse(string line)
        {
            try
            {
                var raw = JsonSerializer.Deserialize(line, KubernetesJsonContext.Default.RawWatchEvent);
                switch (raw?.Type)
                {
                    case "ADDED":
                        return new ReadResult(StreamOutcome.Event, new(WatchEventType.Added, Decode(raw.Payload)));
                    case "MODIFIED":
                        return new ReadResult(StreamOutcome.Event, new(WatchEventType.Modified, Decode(raw.Payload)));
                    case "DELETED":
                        return new ReadResult(StreamOutcome.Event, new(WatchEventType.Deleted, Decode(raw.Payload)));
                    case "BOOKMARK":
                        var partial = raw.Payload.Deserialize(KubernetesJsonContext.Default.PartialObject);
                        return new ReadResult(StreamOutcome.Bookmark, ResourceVersion: partial?.Metadata.ResourceVersion);
                    case "ERROR":
                        var status = raw.Payload.ValueKind == JsonValueKind.Object
                            ? raw.Payload.Deserialize(KubernetesJsonContext.Default.Status)
                            : null;
                        var expired = status?.Code == 410 || status?.Reason is "Expired" or "Gone";
                        // Other ERROR events end the stream; re-watching from the last resourceVersion is what client-go does.
                        return new ReadResult(expired ? StreamOutcome.Expired : StreamOutcome.Failed);
                    default:
                        return new ReadResult(StreamOutcome.Failed);
                }
            }
            catch (JsonException)
            {
                // Half an event: the connection was cut mid-write.
                return new ReadResult(StreamOutcome.Failed);
            }
        }

        private T Decode(JsonElement payload) =>
            payload.Deserialize(_owner._operations.TypeInfo) ?? throw new JsonException("empty watch object");

        public void Dispose()
        {
            _reader?.Dispose();
            _response.Dispose();
        }
    }
}
