using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FakeKubernetes;

/// <summary>Serves every request: path prefix, authentication, faults, counters, then discovery or resource verbs.</summary>
internal sealed partial class ApiHandler
{
    private readonly ObjectStore _store;
    private readonly Controllers _controllers;
    private readonly Kubelet _kubelet;
    private readonly FaultInjector _faults;
    private readonly RequestCounters _counters;
    private readonly RequestLog _log;
    private readonly Authenticator _auth;
    private readonly FakeApiServerOptions _options;
    private readonly FieldOwnership _ownership = new();

    public ApiHandler(ObjectStore store, Controllers controllers, Kubelet kubelet, FaultInjector faults, RequestCounters counters,
        RequestLog log, Authenticator auth, FakeApiServerOptions options)
    {
        _store = store;
        _controllers = controllers;
        _kubelet = kubelet;
        _faults = faults;
        _counters = counters;
        _log = log;
        _auth = auth;
        _options = options;
    }

    public CancellationToken Stopping { get; set; }

    public async Task HandleAsync(HttpContext ctx)
    {
        var request = ctx.Request;
        var body = await ReadBodyAsync(request).ConfigureAwait(false);
        var prefix = _options.PathPrefix.TrimEnd('/');
        var path = request.Path.Value ?? "/";
        string? user = null;
        try
        {
            if (prefix.Length > 0)
            {
                if (!path.StartsWith(prefix + "/", StringComparison.Ordinal) && path != prefix)
                {
                    await WriteTextAsync(ctx, 404, "404 page not found\n").ConfigureAwait(false);
                    return;
                }
                path = path[prefix.Length..];
            }
            var route = ApiRoute.Parse(path);
            var verb = VerbOf(request, route);
            _counters.Add(verb, route.ResourceKey);

            user = await _auth.AuthenticateAsync(ctx, _options.RequireAuthentication).ConfigureAwait(false);
            if (user is null) throw StatusObjects.Unauthorized();

            foreach (var fault in _faults.Take(verb, route.ResourceKey))
            {
                switch (fault.Kind)
                {
                    case FaultKind.Delay:
                        await Task.Delay(fault.Delay, ctx.RequestAborted).ConfigureAwait(false);
                        break;
                    case FaultKind.Reset:
                        ctx.Abort();
                        return;
                    case FaultKind.RawBody:
                        await WriteTextAsync(ctx, fault.StatusCode, fault.Body, fault.ContentType).ConfigureAwait(false);
                        return;
                    case FaultKind.Status:
                        // The reason and wording a real server pairs with each code, so clients map injected
                        // faults exactly as they would map the real thing (a 403 is Forbidden, not a server error).
                        var (reason, message) = fault.StatusCode switch
                        {
                            400 => ("BadRequest", "the server rejected our request for an unknown reason (injected fault)"),
                            401 => ("Unauthorized", "Unauthorized"),
                            403 => ("Forbidden", $"{route.ResourceKey ?? "resource"} is forbidden: User \"system:anonymous\" cannot perform this request (injected fault)"),
                            404 => ("NotFound", "the server could not find the requested resource (injected fault)"),
                            409 => ("Conflict", "Operation cannot be fulfilled: the object has been modified (injected fault)"),
                            410 => ("Expired", "too old resource version (injected fault)"),
                            422 => ("Invalid", "the request is invalid (injected fault)"),
                            429 => ("TooManyRequests", "Too many requests, please try again later."),
                            503 => ("ServiceUnavailable", "Internal error occurred: injected fault"),
                            504 => ("Timeout", "Internal error occurred: injected fault"),
                            _ => ("InternalError", "Internal error occurred: injected fault"),
                        };
                        var details = fault.RetryAfterSeconds is { } s ? new JsonObject { ["retryAfterSeconds"] = s } : null;
                        if (fault.RetryAfterSeconds is { } ra) ctx.Response.Headers.RetryAfter = ra.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        throw new ApiException(fault.StatusCode, reason, message, details);
                }
            }

            switch (route.Area)
            {
                case ApiRoute.Discovery:
                    await WriteJsonAsync(ctx, 200, Discovery.Document(route.Segments!, _options) ?? throw NotFoundPath()).ConfigureAwait(false);
                    return;
                case ApiRoute.OpenApi:
                    await ServeOpenApiAsync(ctx, route.Segments!).ConfigureAwait(false);
                    return;
                case ApiRoute.Other:
                    if (route.Segments![0] == "version") await WriteJsonAsync(ctx, 200, Discovery.Version(_options)).ConfigureAwait(false);
                    else await WriteTextAsync(ctx, 200, "ok").ConfigureAwait(false);
                    return;
                case ApiRoute.Resource:
                    await HandleResourceAsync(ctx, route, verb, body, user).ConfigureAwait(false);
                    return;
                default:
                    await WriteTextAsync(ctx, 404, "404 page not found\n").ConfigureAwait(false);
                    return;
            }
        }
        catch (ApiException e)
        {
            foreach (var w in e.Warnings) AddWarning(ctx, w);
            if (!ctx.Response.HasStarted) await WriteJsonAsync(ctx, e.Code, e.ToStatus()).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested || Stopping.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or ArgumentException or FormatException
            or System.Text.Json.JsonException or KeyNotFoundException or InvalidCastException or IndexOutOfRangeException)
        {
            // A bug in the fake must be loud: 500 with the exception text (tests see it in the Status message).
            await Console.Error.WriteLineAsync($"fake api server: {request.Method} {request.Path}{request.QueryString}: {e}").ConfigureAwait(false);
            if (!ctx.Response.HasStarted)
                await WriteJsonAsync(ctx, 500, StatusObjects.Build(500, "InternalError", "Internal error occurred: fake api server bug: " + e.Message)).ConfigureAwait(false);
        }
        finally
        {
            _log.Add(new RecordedRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "",
                request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
                body.Length == 0 ? null : Encoding.UTF8.GetString(body), user, ctx.Response.StatusCode));
        }
    }

    private static ApiException NotFoundPath() => new(404, "NotFound", "the server could not find the requested resource");

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any())) return [];
        using var ms = new MemoryStream();
        await request.Body.CopyToAsync(ms).ConfigureAwait(false);
        return ms.ToArray();
    }

    private static string VerbOf(HttpRequest request, ApiRoute route)
    {
        if (route.Area != ApiRoute.Resource) return "discovery";
        var q = request.Query;
        return request.Method switch
        {
            "GET" when route.IsCollection => q["watch"] is var w && (w == "true" || w == "1") ? "watch" : "list",
            "GET" => "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => (request.ContentType ?? "").StartsWith("application/apply-patch", StringComparison.Ordinal) ? "apply" : "patch",
            "DELETE" when route.IsCollection => "deletecollection",
            "DELETE" => "delete",
            _ => request.Method.ToLowerInvariant(),
        };
    }

    internal static void AddWarning(HttpContext ctx, string text) =>
        ctx.Response.Headers.Append("Warning", "299 - \"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");

    /// <summary>Output like Go's encoder: no needless \u escapes of quotes, '&lt;' or non-ASCII text.</summary>
    internal static readonly JsonSerializerOptions Output = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static async Task WriteJsonAsync(HttpContext ctx, int code, JsonNode node)
    {
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(node.ToJsonString(Output));
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }

    internal static async Task WriteTextAsync(HttpContext ctx, int code, string text, string contentType = "text/plain; charset=utf-8")
    {
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(text);
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }

    private static JsonObject ParseObject(byte[] body, ResourceType? type)
    {
        if (body.Length >= 4 && body[0] == (byte)'k' && body[1] == (byte)'8' && body[2] == (byte)'s' && body[3] == 0)
            throw new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (the fake does not decode application/vnd.kubernetes.protobuf)");
        if (body.Length == 0) throw StatusObjects.BadRequest("the body of the request was empty");
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            node = TryYaml(body) ?? throw StatusObjects.BadRequest(
                type is null ? $"json parse error: {e.Message}" : $"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: {e.Message}");
        }
        return node as JsonObject ?? throw StatusObjects.BadRequest("the body must be a JSON object");
    }

    private static JsonNode? TryYaml(byte[] body)
    {
        try
        {
            return YamlToJson.Convert(Encoding.UTF8.GetString(body));
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null;
        }
    }
}
