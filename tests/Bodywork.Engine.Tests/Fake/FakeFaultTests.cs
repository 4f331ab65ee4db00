using FakeKubernetes;
using Xunit;

namespace Bodywork.Engine.Tests.Fake;

/// <summary>Fault injection: error bursts with Retry-After, raw bodies, delays and connection resets.</summary>
public sealed class FakeFaultTests : IAsyncLifetime
{
    private FakeApiServer _server = null!;
    private FakeHttp _http = null!;
    private const string Secrets = "api/v1/namespaces/default/secrets";

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync();
        _http = new FakeHttp(_server);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Next_requests_fail_with_429_and_Retry_After_then_succeed()
    {
        var rule = _server.Faults.FailNext(2, 429, retryAfterSeconds: 1, verb: "list", resource: "secrets");
        var other = await _http.GetAsync("api/v1/namespaces/default/pods");
        Assert.Equal(200, other.Code);
        for (var i = 0; i < 2; i++)
        {
            var reply = await _http.GetAsync(Secrets);
            Assert.Equal(429, reply.Code);
            Assert.Equal("TooManyRequests", (string?)reply.Body["reason"]);
            Assert.Equal(1, (int)reply.Body["details"]!["retryAfterSeconds"]!);
            Assert.Equal("1", reply.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Equal(200, (await _http.GetAsync(Secrets)).Code);
        Assert.Equal(2, rule.Hits);
        Assert.Equal(0, rule.Remaining);
    }

    [Fact]
    public async Task Server_errors_with_and_without_Retry_After()
    {
        _server.Faults.FailNext(1, 500);
        var plain = await _http.GetAsync(Secrets);
        Assert.Equal(500, plain.Code);
        Assert.Equal("InternalError", (string?)plain.Body["reason"]);
        Assert.Null(plain.Headers.RetryAfter);
        _server.Faults.FailNext(1, 503, retryAfterSeconds: 2);
        var unavailable = await _http.GetAsync(Secrets);
        Assert.Equal(503, unavailable.Code);
        Assert.Equal(TimeSpan.FromSeconds(2), unavailable.Headers.RetryAfter?.Delta);
    }

    [Theory]
    [InlineData(403, "Forbidden")]
    [InlineData(404, "NotFound")]
    [InlineData(409, "Conflict")]
    [InlineData(401, "Unauthorized")]
    public async Task Injected_client_errors_carry_the_reason_a_real_server_gives_their_code(int code, string reason)
    {
        _server.Faults.FailNext(1, code);
        var reply = await _http.GetAsync(Secrets);
        Assert.Equal(code, reply.Code);
        Assert.Equal(reason, (string?)reply.Body["reason"]);
        Assert.Equal(code, (int)reply.Body["code"]!);
        Assert.Equal(200, (await _http.GetAsync(Secrets)).Code);
    }

    [Fact]
    public async Task Raw_non_json_bodies()
    {
        _server.Faults.FailNextWithBody(1, 502, "text/html", "<html><body>Bad Gateway</body></html>");
        var html = await _http.GetAsync(Secrets);
        Assert.Equal(502, html.Code);
        Assert.Null(html.Json);
        Assert.Contains("Bad Gateway", html.Text);
        _server.Faults.FailNextWithBody(1, 404, "text/plain", "404 page not found\n");
        var text = await _http.GetAsync(Secrets + "/x");
        Assert.Equal("404 page not found\n", text.Text);
    }

    [Fact]
    public async Task Reset_aborts_the_connection_and_delay_holds_the_answer()
    {
        _server.Faults.ResetNext(1, verb: "get");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => _http.GetAsync(Secrets + "/x"));
        var delay = _server.Faults.DelayNext(1, TimeSpan.FromMilliseconds(300));
        var reply = await _http.GetAsync(Secrets);
        Assert.Equal(200, reply.Code);
        Assert.Equal(1, delay.Hits);
    }
}
