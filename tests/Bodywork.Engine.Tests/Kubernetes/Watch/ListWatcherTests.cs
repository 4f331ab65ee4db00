using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Engine.Tests.Kubernetes.Client;
using Xunit;

namespace Bodywork.Engine.Tests.Kubernetes.Watch;

public class ListWatcherTests
{
    private static string Job(string name, string rv, string? condition = null) =>
        $$"""{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"{{name}}","namespace":"ml","resourceVersion":"{{rv}}"}{{(condition is null ? "" : $$""","status":{"conditions":[{"type":"{{condition}}","status":"True"}]}""")}}}""";

    private static string Event(string type, string obj) => $$"""{"type":"{{type}}","object":{{obj}}}""" + "\n";

    private static async Task<List<WatchEvent<Job>>> Take(IAsyncEnumerable<WatchEvent<Job>> events, int count, CancellationTokenSource cts)
    {
        var seen = new List<WatchEvent<Job>>();
        await foreach (var e in events.WithCancellation(cts.Token))
        {
            seen.Add(e);
            if (seen.Count == count)
            {
                break;
            }
        }

        return seen;
    }

    [Fact]
    public async Task Lists_then_watches_from_the_lists_resource_version_with_bookmarks()
    {
        var handler = new StubHandler((r, i) => r.Query("watch") is null
            ? StubHandler.Json(200, $$"""{"metadata":{"resourceVersion":"10"},"items":[{{Job("a", "9")}}]}""")
            : StubHandler.Stream(Event("MODIFIED", Job("a", "11", "Complete")), hang: true));
        using var connection = handler.Connect();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var events = await Take(connection.Api.Jobs.WatchAsync("ml", new WatchOptions { LabelSelector = "app=x" }, cts.Token), 2, cts);

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified], events.Select(e => e.Type).ToArray());
        Assert.Equal("Complete", events[1].Resource.Status!.Conditions![0].Type);
        var watch = handler.RequestList[1];
        Assert.Equal("true", watch.Query("watch"));
        Assert.Equal("10", watch.Query("resourceVersion"));
        Assert.Equal("true", watch.Query("allowWatchBookmarks"));
        Assert.Equal("app=x", watch.Query("labelSelector"));
        Assert.NotNull(watch.Query("timeoutSeconds"));
        Assert.Equal("app=x", handler.RequestList[0].Query("labelSelector"));
    }

    [Fact]
    public async Task Expired_error_event_relists_and_replays_state_including_deletions()
    {
        var lists = 0;
        var handler = new StubHandler((r, i) =>
        {
            if (r.Query("watch") is null)
            {
                return Interlocked.Increment(ref lists) == 1
                    ? StubHandler.Json(200, $$"""{"metadata":{"resourceVersion":"1"},"items":[{{Job("a", "1")}}]}""")
                    : StubHandler.Json(200, $$"""{"metadata":{"resourceVersion":"50"},"items":[{{Job("b", "49")}}]}""");
            }

            return r.Query("resourceVersion") == "1"
                ? StubHandler.Stream(Event("MODIFIED", Job("a", "2")) + Event("ERROR",
                    StubHandler.Status(410, "Expired", "too old resource version: 2 (40)")), hang: false)
                : StubHandler.Stream("", hang: true);
        });
        using var connection = handler.Connect();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var events = await Take(connection.Api.Jobs.WatchAsync("ml", null, cts.Token), 4, cts);

        Assert.Equal(
            [(WatchEventType.Added, "a"), (WatchEventType.Modified, "a"), (WatchEventType.Deleted, "a"), (WatchEventType.Added, "b")],
            events.Select(e => (e.Type, e.Resource.Metadata.Name!)).ToArray());
        Assert.Equal(2, lists);
    }

    [Fact]
    public async Task Http_410_on_watch_also_relists()
    {
        var lists = 0;
        var handler = new StubHandler((r, i) =>
        {
            if (r.Query("watch") is null)
            {
                var n = Interlocked.Increment(ref lists);
                return StubHandler.Json(200, $$"""{"metadata":{"resourceVersion":"{{n * 10}}"},"items":[{{Job("a", (n * 10).ToString())}}]}""");
            }

            return r.Query("resourceVersion") == "10"
                ? StubHandler.Json(410, StubHandler.Status(410, "Gone", "too old"))
                : StubHandler.Stream("", hang: true);
        });
        using var connection = handler.Connect();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var events = await Take(connection.Api.Jobs.WatchAsync("ml", null, cts.Token), 2, cts);

        Assert.Equal(["10", "20"], events.Select(e => e.Resource.Metadata.ResourceVersion!).ToArray());
        Assert.Equal(2, lists);
    }

    [Fact]
    public async Task Dropped_stream_mid_event_reconnects_from_the_last_resource_version()
    {
        var handler = new StubHandler((r, i) =>
        {
            if (r.Query("watch") is null)
            {
                return StubHandler.Json(200, """{"metadata":{"resourceVersion":"5"},"items":[]}""");
            }

            return r.Query("resourceVersion") switch
            {
                // One whole event, then half of the next: the connection was cut mid-write.
                "5" => StubHandler.Stream(Event("ADDED", Job("a", "6")) + """{"type":"MODIFIED","object":{"apiVer""", hang: false),
                "6" => StubHandler.Stream(Event("MODIFIED", Job("a", "7", "Failed")), hang: true),
                _ => StubHandler.Json(500, "unexpected"),
            };
        });
        using var connection = handler.Connect();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var events = await Take(connection.Api.Jobs.WatchAsync("ml", null, cts.Token), 2, cts);

        Assert.Equal(["6", "7"], events.Select(e => e.Resource.Metadata.ResourceVersion!).ToArray());
        Assert.Single(handler.RequestList, r => r.Query("watch") is null); // reconnect, not relist
    }

    [Fact]
    public async Task Bookmarks_advance_the_resource_version_used_to_reconnect()
    {
        var handler = new StubHandler((r, i) =>
        {
            if (r.Query("watch") is null)
            {
                return StubHandler.Json(200, """{"metadata":{"resourceVersion":"5"},"items":[]}""");
            }

            return r.Query("resourceVersion") switch
            {
                "5" => StubHandler.Stream(Event("BOOKMARK", """{"kind":"Job","apiVersion":"batch/v1","metadata":{"resourceVersion":"77"}}"""), hang: false),
                "77" => StubHandler.Stream(Event("ADDED", Job("z", "78")), hang: true),
                _ => StubHandler.Json(500, "unexpected"),
            };
        });
        using var connection = handler.Connect();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var events = await Take(connection.Api.Jobs.WatchAsync("ml", null, cts.Token), 1, cts);

        Assert.Equal("z", events[0].Resource.Metadata.Name);
    }

    [Fact]
    public async Task A_stalled_stream_is_abandoned_and_resumed()
    {
        var handler = new StubHandler((r, i) =>
        {
            if (r.Query("watch") is null)
            {
                return StubHandler.Json(200, """{"metadata":{"resourceVersion":"5"},"items":[]}""");
            }

            // The first watch connects and then never sends a byte; the second delivers.
            return i == 1 ? StubHandler.Stream("", hang: true) : StubHandler.Stream(Event("ADDED", Job("a", "6")), hang: true);
        });
        using var connection = handler.Connect(StubHandler.FastOptions with { WatchInactivityTimeout = TimeSpan.FromMilliseconds(200) });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var events = await Take(connection.Api.Jobs.WatchAsync("ml", null, cts.Token), 1, cts);

        Assert.Equal("a", events[0].Resource.Metadata.Name);
        Assert.Equal("5", handler.RequestList[2].Query("resourceVersion"));
    }

    [Fact]
    public async Task A_forbidden_first_list_is_an_error_not_an_endless_retry()
    {
        var handler = new StubHandler((r, i) => StubHandler.Json(403, StubHandler.Status(403, "Forbidden", "jobs.batch is forbidden")));
        using var connection = handler.Connect();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var ex = await Assert.ThrowsAsync<Bodywork.Engine.Kubernetes.Errors.KubernetesApiException>(() => Take(connection.Api.Jobs.WatchAsync("ml", null, cts.Token), 1, cts));

        Assert.Equal(Bodywork.Engine.Kubernetes.Errors.KubernetesErrorReason.Forbidden, ex.Reason);
    }

    [Fact]
    public async Task Cancellation_ends_an_open_watch()
    {
        var handler = new StubHandler((r, i) => r.Query("watch") is null
            ? StubHandler.Json(200, """{"metadata":{"resourceVersion":"5"},"items":[]}""")
            : StubHandler.Stream("", hang: true));
        using var connection = handler.Connect();
        using var cts = new CancellationTokenSource();

        var pending = Take(connection.Api.Jobs.WatchAsync("ml", null, cts.Token), 1, cts);
        await StubHandler.WaitUntilAsync(() => handler.Requests.Count >= 2);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
