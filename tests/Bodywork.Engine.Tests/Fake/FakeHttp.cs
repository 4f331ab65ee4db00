using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FakeKubernetes;

namespace Bodywork.Engine.Tests.Fake;

/// <summary>A raw HTTP view of a fake API server for protocol tests (no Bodywork client involved).</summary>
internal sealed class FakeHttp : IDisposable
{
    public FakeHttp(FakeApiServer server, HttpMessageHandler? handler = null)
    {
        Server = server;
        Client = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: true) { BaseAddress = new Uri(server.Url + "/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public FakeApiServer Server { get; }

    public HttpClient Client { get; }

    public sealed record Reply(HttpStatusCode Status, JsonObject? Json, string Text, HttpResponseHeaders Headers)
    {
        public int Code => (int)Status;

        public JsonObject Body => Json ?? throw new InvalidOperationException($"not JSON ({Code}): {Text}");

        public IEnumerable<string> Warnings => Headers.TryGetValues("Warning", out var w) ? w : [];
    }

    public Task<Reply> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null, null);

    public Task<Reply> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json, "application/json");

    public Task<Reply> PutAsync(string path, string json) => SendAsync(HttpMethod.Put, path, json, "application/json");

    public Task<Reply> PatchAsync(string path, string body, string contentType) => SendAsync(HttpMethod.Patch, path, body, contentType);

    public Task<Reply> ApplyAsync(string path, string body, string manager = "test", bool force = false) =>
        SendAsync(HttpMethod.Patch, $"{path}{(path.Contains('?') ? '&' : '?')}fieldManager={manager}{(force ? "&force=true" : "")}", body, "application/apply-patch+yaml");

    public Task<Reply> DeleteAsync(string path, string? body = null) => SendAsync(HttpMethod.Delete, path, body, body is null ? null : "application/json");

    public async Task<Reply> SendAsync(HttpMethod method, string path, string? body, string? contentType)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType!));
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonObject? json = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
            json = JsonNode.Parse(text) as JsonObject;
        return new Reply(response.StatusCode, json, text, response.Headers);
    }

    /// <summary>Creates an object through the API and asserts 201.</summary>
    public async Task<JsonObject> CreateAsync(string collection, string json)
    {
        var reply = await PostAsync(collection, json);
        if (reply.Code != 201) throw new InvalidOperationException($"create {collection} failed: {reply.Code} {reply.Text}");
        return reply.Body;
    }

    public void Dispose() => Client.Dispose();

    public static string Job(string name, string command = "echo hi", int? backoffLimit = null, int? activeDeadlineSeconds = null, string extraSpec = "") =>
        """
        {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"NAME","labels":{"app":"NAME"}},
         "spec":{EXTRA
           "template":{"spec":{"restartPolicy":"Never","containers":[{"name":"main","image":"python:3.12","command":["sh","-c",COMMAND]}]}}}}
        """.Replace("NAME", name).Replace("COMMAND", System.Text.Json.JsonSerializer.Serialize(command))
           .Replace("EXTRA", (backoffLimit is { } b ? $"\"backoffLimit\":{b}," : "") + (activeDeadlineSeconds is { } a ? $"\"activeDeadlineSeconds\":{a}," : "") + extraSpec);

    public static string Deployment(string name, string image = "nginx:1.25", int replicas = 1, string extraSpec = "") =>
        """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME"},
         "spec":{"replicas":REPLICAS,EXTRA"selector":{"matchLabels":{"app":"NAME"}},
           "template":{"metadata":{"labels":{"app":"NAME"}},"spec":{"containers":[{"name":"web","image":"IMAGE"}]}}}}
        """.Replace("NAME", name).Replace("IMAGE", image).Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("EXTRA", extraSpec);

    public static string Secret(string name, string key, string value) =>
        """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"NAME"},"stringData":{"KEY":"VALUE"}}""".Replace("NAME", name).Replace("KEY", key).Replace("VALUE", value);

    public static JsonObject? Condition(JsonObject obj, string type) =>
        (obj["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);

    public static bool HasCondition(JsonObject obj, string type, string status = "True") =>
        (string?)Condition(obj, type)?["status"] == status;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
}
