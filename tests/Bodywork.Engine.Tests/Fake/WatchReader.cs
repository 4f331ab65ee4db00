using System.Text.Json.Nodes;

namespace Bodywork.Engine.Tests.Fake;

/// <summary>Reads a watch stream line by line with a per-read timeout so a test can never hang.</summary>
internal sealed class WatchReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private WatchReader(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public int StatusCode => (int)_response.StatusCode;

    public static async Task<WatchReader> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path.TrimStart('/'), HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        return new WatchReader(response, new StreamReader(stream));
    }

    /// <summary>The next event, or null at end of stream. Throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<JsonObject?> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? FakeHttp.Timeout);
        try
        {
            var line = await _reader.ReadLineAsync(cts.Token);
            return line is null ? null : JsonNode.Parse(line)!.AsObject();
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no watch event arrived in time");
        }
    }

    /// <summary>The next event that is not a BOOKMARK.</summary>
    public async Task<JsonObject?> NextChangeAsync()
    {
        while (true)
        {
            var e = await NextAsync();
            if (e is null || (string?)e["type"] != "BOOKMARK") return e;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }
}
