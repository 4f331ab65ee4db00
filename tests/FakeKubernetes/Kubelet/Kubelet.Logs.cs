using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FakeKubernetes;

internal sealed partial class Kubelet
{
    /// <summary>GET pods/{name}/log: plain text; follow streams until the container ends or the pod goes away.</summary>
    public async Task ServeLogAsync(HttpContext ctx, string ns, string name, CancellationToken stopping)
    {
        var pod = _store.Get(ResourceTypes.Pod, ns, name) ?? throw StatusObjects.NotFound(ResourceTypes.Pod, name);
        var q = ctx.Request.Query;
        var names = Containers(pod);
        var container = q["container"].ToString();
        if (container.Length == 0)
        {
            if (names.Count > 1)
                throw StatusObjects.BadRequest($"a container name must be specified for pod {name}, choose one of: [{string.Join(' ', names)}]");
            container = names.FirstOrDefault() ?? "";
        }
        else if (!names.Contains(container))
            throw StatusObjects.BadRequest($"container {container} is not valid for pod {name}");
        if (q["previous"] == "true")
            throw StatusObjects.BadRequest($"previous terminated container \"{container}\" in pod \"{name}\" not found");
        if (!_pods.TryGetValue(Meta.Uid(pod), out var rt) || rt.State == "waiting")
        {
            var reason = rt?.WaitingReason is { Length: > 0 } r ? r : "ContainerCreating";
            throw StatusObjects.BadRequest($"container \"{container}\" in pod \"{name}\" is waiting to start: {reason}");
        }
        var log = rt.Logs[container];
        var follow = q["follow"] == "true";
        var timestamps = q["timestamps"] == "true";
        DateTime? since = null;
        if (q["sinceTime"].ToString() is { Length: > 0 } st)
        {
            if (!DateTime.TryParse(st, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t))
                throw StatusObjects.BadRequest($"sinceTime: Invalid value: \"{st}\": parsing time");
            since = t;
        }
        if (q["sinceSeconds"].ToString() is { Length: > 0 } ss && long.TryParse(ss, CultureInfo.InvariantCulture, out var seconds))
        {
            if (since is not null) throw new ApiException(422, "Invalid", "PodLogOptions \"\" is invalid: sinceSeconds: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified");
            since = DateTime.UtcNow.AddSeconds(-seconds);
        }
        int? tail = int.TryParse(q["tailLines"].ToString(), CultureInfo.InvariantCulture, out var tl) ? Math.Max(0, tl) : null;
        long? limitBytes = long.TryParse(q["limitBytes"].ToString(), CultureInfo.InvariantCulture, out var lb) ? lb : null;

        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "text/plain";
        var (lines, closed, changed) = log.Snapshot(0);
        var position = lines.Count;
        IEnumerable<(DateTime Time, string Line)> selected = lines;
        if (since is { } s) selected = selected.Where(l => l.Time >= s);
        if (tail is { } n) selected = selected.TakeLast(n);
        long written = 0;
        async Task<bool> WriteAsync(IEnumerable<(DateTime, string)> chunk, CancellationToken ct)
        {
            var bytes = Encoding.UTF8.GetBytes(FormatLines(chunk, timestamps));
            if (limitBytes is { } limit && written + bytes.Length > limit) bytes = bytes[..(int)Math.Max(0, limit - written)];
            written += bytes.Length;
            if (bytes.Length > 0)
            {
                await ctx.Response.Body.WriteAsync(bytes, ct).ConfigureAwait(false);
                await ctx.Response.Body.FlushAsync(ct).ConfigureAwait(false);
            }
            return limitBytes is null || written < limitBytes;
        }
        if (!follow)
        {
            var text = Encoding.UTF8.GetBytes(FormatLines(selected, timestamps));
            if (limitBytes is { } limit && text.Length > limit) text = text[..(int)limit];
            ctx.Response.ContentLength = text.Length;
            await ctx.Response.Body.WriteAsync(text, ctx.RequestAborted).ConfigureAwait(false);
            return;
        }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
        try
        {
            if (!await WriteAsync(selected, cts.Token).ConfigureAwait(false)) return;
            if (selected is not List<(DateTime, string)>) await ctx.Response.Body.FlushAsync(cts.Token).ConfigureAwait(false);
            while (!closed)
            {
                await changed.WaitAsync(TimeSpan.FromMilliseconds(500), cts.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                cts.Token.ThrowIfCancellationRequested();
                (lines, closed, changed) = log.Snapshot(position);
                position += lines.Count;
                if (lines.Count > 0 && !await WriteAsync(lines, cts.Token).ConfigureAwait(false)) return;
                // The pod was deleted (or replaced): end the stream like the kubelet does.
                if (!_pods.ContainsKey(rt.Uid)) return;
            }
        }
        catch (OperationCanceledException)
        {
        }
        _ = pod;
    }
}
