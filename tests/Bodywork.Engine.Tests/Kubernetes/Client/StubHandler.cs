using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Bodywork.Engine.Kubernetes;
using Bodywork.Engine.Kubernetes.Auth;
using Bodywork.Engine.Kubernetes.Client;

namespace Bodywork.Engine.Tests.Kubernetes.Client;

/// <summary>A request as the stub saw it (body read eagerly, since the message is disposed afterwards).</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Body, string? ContentType, HttpRequestMessage Message)
{
    public string Path => Uri.AbsolutePath;

    public string? Query(string key)
    {
        foreach (var part in Uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = part.Split('=', 2);
            if (Uri.UnescapeDataString(kv[0]) == key)
            {
                return kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "";
            }
        }

        return null;
    }
}

/// <summary>
/// An in-process HttpMessageHandler for unit tests: records every request and answers from a function
/// (which may inspect the request number to script sequences).
/// </summary>
public sealed class StubHandler : HttpMessageHandler
{
    private readonly Func<RecordedRequest, int, CancellationToken, Task<HttpResponseMessage>> _respond;
    private int _count;

    public StubHandler(Func<RecordedRequest, int, HttpResponseMessage> respond)
        : this((r, i, _) => Task.FromResult(respond(r, i))) { }

    public StubHandler(Func<RecordedRequest, int, CancellationToken, Task<HttpResponseMessage>> respond) => _respond = respond;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public List<RecordedRequest> RequestList => Requests.ToList();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, body, request.Content?.Headers.ContentType?.MediaType, request);
        Requests.Enqueue(recorded);
        var index = Interlocked.Increment(ref _count) - 1;
        var response = await _respond(recorded, index, cancellationToken);
        response.RequestMessage ??= request;
        return response;
    }

    public static HttpResponseMessage Json(int code, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage((HttpStatusCode)code) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public static HttpResponseMessage Text(int code, string text, string mediaType = "text/plain") =>
        new((HttpStatusCode)code) { Content = new StringContent(text, Encoding.UTF8, mediaType) };

    /// <summary>A streamed body: the given text, then (if <paramref name="hang"/>) no more bytes until cancelled.</summary>
    public static HttpResponseMessage Stream(string text, bool hang) =>
        new(HttpStatusCode.OK) { Content = new StreamContent(new ScriptedStream(Encoding.UTF8.GetBytes(text), hang)) };

    public static string Status(int code, string reason, string message, string? details = null) =>
        $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":{{System.Text.Json.JsonSerializer.Serialize(message)}},"reason":"{{reason}}"{{(details is null ? "" : ",\"details\":" + details)}},"code":{{code}}}""";

    /// <summary>Polls a condition the test cannot await directly; fails after a generous limit instead of hanging.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not reached within " + seconds + " s");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Fast test options: tiny delays, few attempts.</summary>
    public static KubernetesClientOptions FastOptions => new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(1),
        MaxBackoff = TimeSpan.FromMilliseconds(20),
        WatchInitialBackoff = TimeSpan.FromMilliseconds(1),
        WatchMaxBackoff = TimeSpan.FromMilliseconds(20),
        LogRetryInitialBackoff = TimeSpan.FromMilliseconds(1),
        RequestTimeout = TimeSpan.FromSeconds(30),
        MaxAttempts = 5,
    };

    public KubernetesConnection Connect(KubernetesClientOptions? options = null, IKubernetesAuthenticator? authenticator = null,
        string server = "https://cluster.example:6443") =>
        new(new Uri(server), this, authenticator, "default", "test", options ?? FastOptions);

    /// <summary>Returns its bytes, then ends or blocks until the read is cancelled.</summary>
    private sealed class ScriptedStream(byte[] data, bool hang) : System.IO.Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < data.Length)
            {
                var n = Math.Min(buffer.Length, data.Length - _position);
                data.AsMemory(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }

            if (hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>Counts refreshes and stamps a bearer token that changes after each refresh.</summary>
public sealed class CountingAuthenticator : IKubernetesAuthenticator
{
    public int Refreshes { get; private set; }
    public bool RefreshSucceeds { get; init; } = true;

    public ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "token-" + Refreshes);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RefreshAfterUnauthorizedAsync(CancellationToken cancellationToken)
    {
        Refreshes++;
        return ValueTask.FromResult(RefreshSucceeds);
    }
}
