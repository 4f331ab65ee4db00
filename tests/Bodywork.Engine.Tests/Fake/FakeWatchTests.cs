using FakeKubernetes;
using Xunit;

namespace Bodywork.Engine.Tests.Fake;

/// <summary>Watch streams: resourceVersion semantics, bookmarks, expiry, timeouts, selector transitions, dropped streams.</summary>
public sealed class FakeWatchTests : IAsyncLifetime
{
    private FakeApiServer _server = null!;
    private FakeHttp _http = null!;
    private const string Secrets = "api/v1/namespaces/default/secrets";

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync(new FakeApiServerOptions { Kubelet = KubeletMode.Manual, BookmarkInterval = TimeSpan.FromMilliseconds(200) });
        _http = new FakeHttp(_server);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Watch_from_list_version_sees_only_later_events()
    {
        await _http.CreateAsync(Secrets, FakeHttp.Secret("before", "k", "v"));
        var list = await _http.GetAsync(Secrets);
        var rv = (string)list.Body["metadata"]!["resourceVersion"]!;
        await using var watch = await WatchReader.OpenAsync(_http.Client, $"{Secrets}?watch=1&resourceVersion={rv}");
        Assert.Equal(200, watch.StatusCode);
        await _http.CreateAsync(Secrets, FakeHttp.Secret("after", "k", "v"));
        var e = await watch.NextChangeAsync();
        Assert.Equal("ADDED", (string?)e!["type"]);
        Assert.Equal("after", (string?)e["object"]!["metadata"]!["name"]);
        Assert.Equal("Secret", (string?)e["object"]!["kind"]);
        await _http.DeleteAsync($"{Secrets}/after");
        var deleted = await watch.NextChangeAsync();
        Assert.Equal("DELETED", (string?)deleted!["type"]);
    }

    [Fact]
    public async Task Watch_without_version_starts_with_synthetic_ADDED_events()
    {
        await _http.CreateAsync(Secrets, FakeHttp.Secret("one", "k", "v"));
        await _http.CreateAsync(Secrets, FakeHttp.Secret("two", "k", "v"));
        foreach (var rv in new[] { "", "&resourceVersion=0" })
        {
            await using var watch = await WatchReader.OpenAsync(_http.Client, $"{Secrets}?watch=true{rv}");
            var names = new[] { await watch.NextChangeAsync(), await watch.NextChangeAsync() }.Select(e => (string)e!["object"]!["metadata"]!["name"]!).Order();
            Assert.Equal(["one", "two"], names);
        }
    }

    [Fact]
    public async Task Bookmarks_carry_only_the_resourceVersion()
    {
        await using var watch = await WatchReader.OpenAsync(_http.Client, $"{Secrets}?watch=1&resourceVersion={_server.Store.ResourceVersion}&allowWatchBookmarks=true");
        var e = await watch.NextAsync();
        Assert.Equal("BOOKMARK", (string?)e!["type"]);
        var obj = e["object"]!.AsObject();
        Assert.Equal("Secret", (string?)obj["kind"]);
        Assert.False(string.IsNullOrEmpty((string?)obj["metadata"]!["resourceVersion"]));
        Assert.Null(obj["metadata"]!["name"]);
    }

    [Fact]
    public async Task Too_old_version_gets_an_ERROR_410_event()
    {
        var old = _server.Store.ResourceVersion;
        await _http.CreateAsync(Secrets, FakeHttp.Secret("x", "k", "v"));
        _server.Faults.ExpireWatches();
        await using var watch = await WatchReader.OpenAsync(_http.Client, $"{Secrets}?watch=1&resourceVersion={old}");
        Assert.Equal(200, watch.StatusCode);
        var e = await watch.NextAsync();
        Assert.Equal("ERROR", (string?)e!["type"]);
        Assert.Equal(410, (int)e["object"]!["code"]!);
        Assert.Equal("Expired", (string?)e["object"]!["reason"]);
        Assert.StartsWith("too old resource version: ", (string?)e["object"]!["message"]);
        Assert.Null(await watch.NextAsync());
    }

    [Fact]
    public async Task Open_watch_gets_ERROR_when_expired_by_a_fault()
    {
        await using var watch = await WatchReader.OpenAsync(_http.Client, $"{Secrets}?watch=1&resourceVersion={_server.Store.ResourceVersion}");
        await _server.Store.WaitUntilAsync(_ => _server.Faults.OpenWatches == 1, FakeHttp.Timeout, "watch to open");
        _server.Faults.ExpireWatches();
        var e = await watch.NextAsync();
        Assert.Equal("ERROR", (string?)e!["type"]);
        Assert.Equal(410, (int)e["object"]!["code"]!);
    }

    [Fact]
    public async Task Stream_ends_cleanly_at_timeoutSeconds()
    {
        await using var watch = await WatchReader.OpenAsync(_http.Client, $"{Secrets}?watch=1&resourceVersion={_server.Store.ResourceVersion}&timeoutSeconds=1");
        Assert.Null(await watch.NextAsync());
    }

    [Fact]
    public async Task Dropped_watch_is_cut_without_an_event()
    {
        await using var watch = await WatchReader.OpenAsync(_http.Client, $"{Secrets}?watch=1&resourceVersion={_server.Store.ResourceVersion}");
        await _server.Store.WaitUntilAsync(_ => _server.Faults.OpenWatches == 1, FakeHttp.Timeout, "watch to open");
        _server.Faults.DropWatches();
        var ended = false;
        try
        {
            ended = await watch.NextAsync() is null;
        }
        catch (IOException)
        {
            ended = true;
        }
        catch (HttpRequestException)
        {
            ended = true;
        }
        Assert.True(ended);
    }

    [Fact]
    public async Task Selector_transitions_become_DELETED_and_ADDED()
    {
        await _http.CreateAsync(Secrets, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"sel","labels":{"team":"a"}}}""");
        await using var watch = await WatchReader.OpenAsync(_http.Client, $"{Secrets}?watch=1&resourceVersion={_server.Store.ResourceVersion}&labelSelector=team%3Da");
        await _http.PatchAsync($"{Secrets}/sel", """{"metadata":{"labels":{"team":"b"}}}""", "application/merge-patch+json");
        var left = await watch.NextChangeAsync();
        Assert.Equal("DELETED", (string?)left!["type"]);
        await _http.PatchAsync($"{Secrets}/sel", """{"metadata":{"labels":{"team":"a"}}}""", "application/merge-patch+json");
        var back = await watch.NextChangeAsync();
        Assert.Equal("ADDED", (string?)back!["type"]);
    }

    [Fact]
    public async Task Stalled_watch_delivers_queued_events_once_resumed()
    {
        await using var watch = await WatchReader.OpenAsync(_http.Client, $"{Secrets}?watch=1&resourceVersion={_server.Store.ResourceVersion}");
        await _server.Store.WaitUntilAsync(_ => _server.Faults.OpenWatches == 1, FakeHttp.Timeout, "watch to open");
        _server.Faults.StallWatches = true;
        await _http.CreateAsync(Secrets, FakeHttp.Secret("queued", "k", "v"));
        _server.Faults.StallWatches = false;
        var e = await watch.NextChangeAsync();
        Assert.Equal("queued", (string?)e!["object"]!["metadata"]!["name"]);
    }
}
