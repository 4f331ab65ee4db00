using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FakeKubernetes;

internal sealed partial class ApiHandler
{
    private static (LabelSelector Labels, FieldSelector Fields) Selectors(HttpContext ctx, ResourceType type)
    {
        try
        {
            return (LabelSelector.Parse(ctx.Request.Query["labelSelector"].ToString()), FieldSelector.Parse(ctx.Request.Query["fieldSelector"].ToString(), type));
        }
        catch (FormatException e)
        {
            throw StatusObjects.BadRequest(e.Message);
        }
    }

    private JsonObject List(HttpContext ctx, ApiRoute route)
    {
        var type = route.Type!;
        var q = ctx.Request.Query;
        var (labels, fields) = Selectors(ctx, type);
        var limit = long.TryParse(q["limit"].ToString(), CultureInfo.InvariantCulture, out var l) && l > 0 ? l : long.MaxValue;
        var (all, rv) = _store.ListWithVersion(type, route.Namespace);
        string? after = null;
        if (q["continue"].ToString() is { Length: > 0 } token)
        {
            (var tokenRv, after) = DecodeContinue(token);
            if (tokenRv < _store.CompactedResourceVersion)
                throw StatusObjects.Gone("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
            rv = tokenRv;
        }
        var matching = all.Where(o => labels.Matches(o) && fields.Matches(o))
            .Where(o => after is null || string.CompareOrdinal(Key(o), after) > 0)
            .ToList();
        var page = matching.Take((int)Math.Min(limit, int.MaxValue)).ToList();
        var metadata = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) };
        if (page.Count < matching.Count)
        {
            metadata["continue"] = EncodeContinue(rv, Key(page[^1]));
            metadata["remainingItemCount"] = matching.Count - page.Count;
        }
        foreach (var item in page)
        {
            item.Remove("apiVersion");
            item.Remove("kind");
        }
        return new JsonObject
        {
            ["kind"] = type.Kind + "List",
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = metadata,
            ["items"] = new JsonArray(page.Select(i => (JsonNode)i).ToArray()),
        };
    }

    private static string Key(JsonObject o) => $"{Meta.Namespace(o)}/{Meta.Name(o)}";

    private static string EncodeContinue(long rv, string after) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = rv, ["start"] = after }.ToJsonString()));

    private static (long Rv, string After) DecodeContinue(string token)
    {
        try
        {
            var node = JsonNode.Parse(Convert.FromBase64String(token))!;
            return (node["rv"]!.GetValue<long>(), node["start"]!.GetValue<string>());
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException or NullReferenceException)
        {
            throw StatusObjects.BadRequest("continue key is not valid: " + e.Message);
        }
    }

    private async Task WatchAsync(HttpContext ctx, ApiRoute route)
    {
        var type = route.Type!;
        var q = ctx.Request.Query;
        var (labels, fields) = Selectors(ctx, type);
        long? fromRv = null;
        var rvText = q["resourceVersion"].ToString();
        if (rvText.Length > 0 && rvText != "0")
        {
            if (!long.TryParse(rvText, CultureInfo.InvariantCulture, out var parsed))
                throw new ApiException(400, "BadRequest", $"resourceVersion: Invalid value: \"{rvText}\": must be a valid resourceVersion");
            fromRv = parsed;
        }
        var bookmarks = q["allowWatchBookmarks"] == "true";
        TimeSpan? timeout = long.TryParse(q["timeoutSeconds"].ToString(), CultureInfo.InvariantCulture, out var ts) && ts > 0 ? TimeSpan.FromSeconds(ts) : null;

        using var sub = _store.Subscribe(type, new WatchFilter(route.Namespace, labels, fields), fromRv);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, Stopping, sub.Dropped.Token);
        if (timeout is { } t) cts.CancelAfter(t);
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.Body.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        var reader = sub.Reader;
        var nextBookmark = DateTime.UtcNow + _options.BookmarkInterval;
        Task<bool>? waiting = null;
        try
        {
            while (!cts.IsCancellationRequested)
            {
                if (sub.IsStalled)
                {
                    await Task.Delay(50, cts.Token).ConfigureAwait(false);
                    continue;
                }
                if (reader.TryRead(out var message))
                {
                    await WriteEventAsync(ctx, message, cts.Token).ConfigureAwait(false);
                    if (message.Type == "ERROR") return;
                    continue;
                }
                if (bookmarks && DateTime.UtcNow >= nextBookmark)
                {
                    _store.Bookmark(sub);
                    nextBookmark = DateTime.UtcNow + _options.BookmarkInterval;
                    continue;
                }
                waiting ??= reader.WaitToReadAsync(cts.Token).AsTask();
                var delay = bookmarks ? nextBookmark - DateTime.UtcNow : TimeSpan.FromSeconds(1);
                if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
                var finished = await Task.WhenAny(waiting, Task.Delay(delay, cts.Token)).ConfigureAwait(false);
                if (finished == waiting)
                {
                    var more = await waiting.ConfigureAwait(false);
                    waiting = null;
                    if (!more) break; // completed: dropped or expired (ERROR already sent)
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        if (sub.Dropped.IsCancellationRequested) ctx.Abort();
    }

    private static async Task WriteEventAsync(HttpContext ctx, WatchMessage message, CancellationToken ct)
    {
        var line = new JsonObject { ["type"] = message.Type, ["object"] = message.Object }.ToJsonString(Output) + "\n";
        await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), ct).ConfigureAwait(false);
        await ctx.Response.Body.FlushAsync(ct).ConfigureAwait(false);
    }

    private async Task ServeOpenApiAsync(HttpContext ctx, string[] segments)
    {
        if (segments.Length >= 2 && segments[1] == "v3")
        {
            var doc = segments.Length == 2 ? OpenApiV3.Index() : OpenApiV3.GroupVersion(string.Join('/', segments[2..]));
            if (doc is not null)
            {
                ctx.Response.StatusCode = 200;
                ctx.Response.ContentType = "application/json";
                var bytes = Encoding.UTF8.GetBytes(doc);
                ctx.Response.ContentLength = bytes.Length;
                await ctx.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
                return;
            }
        }
        await WriteTextAsync(ctx, 404, "404 page not found\n").ConfigureAwait(false);
    }
}
