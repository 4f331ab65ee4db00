using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Bodywork.Engine.Kubernetes;
using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Errors;
using Bodywork.Engine.Kubernetes.Models;
using Xunit;

namespace Bodywork.Engine.Tests.Kubernetes.Client;

public class RetryTests
{
    private const string PodJson = """{"metadata":{"name":"p"}}""";

    [Fact]
    public async Task Too_many_requests_is_retried_after_the_servers_retry_after()
    {
        var handler = new StubHandler((r, i) => i == 0
            ? StubHandler.Json(429, StubHandler.Status(429, "TooManyRequests", "slow down", """{"retryAfterSeconds":1}"""), ("Retry-After", "1"))
            : StubHandler.Json(200, PodJson));
        using var connection = handler.Connect(StubHandler.FastOptions with { MaxBackoff = TimeSpan.FromSeconds(5) });
        var clock = Stopwatch.StartNew();

        var pod = await connection.Api.Pods.GetAsync("ml", "p");

        Assert.NotNull(pod);
        Assert.Equal(2, handler.Requests.Count);
        // The exponential backoff here is ~1 ms, so only Retry-After explains a wait of about a second.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"waited only {clock.Elapsed}");
    }

    [Fact]
    public async Task A_burst_of_503s_is_retried_until_success()
    {
        var handler = new StubHandler((r, i) => i < 3
            ? StubHandler.Json(503, StubHandler.Status(503, "ServiceUnavailable", "apiserver starting"))
            : StubHandler.Json(200, PodJson));
        using var connection = handler.Connect();

        Assert.NotNull(await connection.Api.Pods.GetAsync("ml", "p"));
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task Apply_is_retried_on_server_errors_because_it_is_idempotent()
    {
        var handler = new StubHandler((r, i) => i < 2 ? StubHandler.Text(502, "<html><body>Bad Gateway</body></html>", "text/html") : StubHandler.Json(200, PodJson));
        using var connection = handler.Connect();

        await connection.Api.Pods.ApplyAsync("ml", new Pod { Metadata = new ObjectMeta { Name = "p" } });

        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.RequestList, r => Assert.Equal(HttpMethod.Patch, r.Method));
    }

    [Fact]
    public async Task Internal_error_without_retry_after_is_not_retried()
    {
        var handler = new StubHandler((r, i) => StubHandler.Json(500, StubHandler.Status(500, "InternalError", "failed calling webhook \"x\"")));
        using var connection = handler.Connect();

        var ex = await Assert.ThrowsAsync<KubernetesApiException>(() => connection.Api.Pods.GetAsync("ml", "p"));

        Assert.Equal(KubernetesErrorReason.ServerError, ex.Reason);
        Assert.Single(handler.RequestList);
    }

    [Fact]
    public async Task Create_is_not_retried_on_a_server_error()
    {
        var handler = new StubHandler((r, i) => StubHandler.Json(503, StubHandler.Status(503, "ServiceUnavailable", "unavailable")));
        using var connection = handler.Connect();

        var ex = await Assert.ThrowsAsync<KubernetesApiException>(() =>
            connection.Api.Jobs.CreateAsync("ml", new Job { Metadata = new ObjectMeta { Name = "j" } }));

        Assert.Equal(KubernetesErrorReason.ServerError, ex.Reason);
        Assert.Single(handler.RequestList);
    }

    [Fact]
    public async Task Create_is_not_retried_on_connection_loss_but_get_is()
    {
        var handler = new StubHandler((r, i, _) => i is 0 or 1
            ? Task.FromException<HttpResponseMessage>(new HttpRequestException("connection reset", new IOException("reset by peer")))
            : Task.FromResult(StubHandler.Json(r.Method == HttpMethod.Post ? 201 : 200, PodJson)));
        using var connection = handler.Connect();

        var ex = await Assert.ThrowsAsync<KubernetesApiException>(() =>
            connection.Api.Pods.CreateAsync("ml", new Pod { Metadata = new ObjectMeta { Name = "p" } }));
        Assert.Equal(KubernetesErrorReason.Unreachable, ex.Reason);
        Assert.Single(handler.RequestList);

        // Request 2 fails too, request 3 succeeds: the GET got through after one retry.
        Assert.NotNull(await connection.Api.Pods.GetAsync("ml", "p"));
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task Too_many_requests_is_retried_even_for_create_because_the_server_did_not_process_it()
    {
        var handler = new StubHandler((r, i) => i == 0
            ? StubHandler.Json(429, StubHandler.Status(429, "TooManyRequests", "slow down"), ("Retry-After", "0"))
            : StubHandler.Json(201, PodJson));
        using var connection = handler.Connect();

        await connection.Api.Pods.CreateAsync("ml", new Pod { Metadata = new ObjectMeta { Name = "p" } });

        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Retries_stop_after_max_attempts()
    {
        var handler = new StubHandler((r, i) => StubHandler.Json(503, StubHandler.Status(503, "ServiceUnavailable", "down")));
        using var connection = handler.Connect(StubHandler.FastOptions with { MaxAttempts = 3 });

        var ex = await Assert.ThrowsAsync<KubernetesApiException>(() => connection.Api.Pods.ListAsync("ml"));

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(503, ex.StatusCode);
        Assert.Contains("listing Pods in namespace ml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthorized_refreshes_credentials_once_and_retries()
    {
        var auth = new CountingAuthenticator();
        var handler = new StubHandler((r, i) => r.Message.Headers.Authorization?.Parameter == "token-0"
            ? StubHandler.Json(401, StubHandler.Status(401, "Unauthorized", "Unauthorized"))
            : StubHandler.Json(200, PodJson));
        using var connection = handler.Connect(authenticator: auth);

        Assert.NotNull(await connection.Api.Pods.GetAsync("ml", "p"));

        Assert.Equal(1, auth.Refreshes);
        Assert.Equal(["token-0", "token-1"], handler.RequestList.Select(r => r.Message.Headers.Authorization!.Parameter!).ToArray());
    }

    [Fact]
    public async Task Unauthorized_after_a_refresh_is_an_error()
    {
        var auth = new CountingAuthenticator();
        var handler = new StubHandler((r, i) => StubHandler.Json(401, StubHandler.Status(401, "Unauthorized", "Unauthorized")));
        using var connection = handler.Connect(authenticator: auth);

        var ex = await Assert.ThrowsAsync<KubernetesApiException>(() => connection.Api.Pods.GetAsync("ml", "p"));

        Assert.Equal(KubernetesErrorReason.Unauthorized, ex.Reason);
        Assert.Equal(1, auth.Refreshes);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Cancellation_stops_a_pending_call()
    {
        var entered = new TaskCompletionSource();
        var handler = new StubHandler(async (r, i, ct) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return StubHandler.Json(200, PodJson);
        });
        using var connection = handler.Connect();
        using var cts = new CancellationTokenSource();

        var call = connection.Api.Pods.GetAsync("ml", "p", cts.Token);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(handler.RequestList);
    }

    [Fact]
    public async Task Cancellation_also_stops_the_backoff_wait()
    {
        var handler = new StubHandler((r, i) => StubHandler.Json(429, StubHandler.Status(429, "TooManyRequests", "x"), ("Retry-After", "600")));
        using var connection = handler.Connect(StubHandler.FastOptions with { MaxBackoff = TimeSpan.FromMinutes(10), MaxRetryDuration = TimeSpan.FromHours(1) });
        using var cts = new CancellationTokenSource();

        var call = connection.Api.Pods.GetAsync("ml", "p", cts.Token);
        await StubHandler.WaitUntilAsync(() => !handler.Requests.IsEmpty);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call).WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_request_that_exceeds_its_timeout_fails_as_unreachable()
    {
        var handler = new StubHandler(async (r, i, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return StubHandler.Json(200, PodJson);
        });
        using var connection = handler.Connect(StubHandler.FastOptions with { RequestTimeout = TimeSpan.FromMilliseconds(100), MaxAttempts = 2 });

        var ex = await Assert.ThrowsAsync<KubernetesApiException>(() => connection.Api.Pods.GetAsync("ml", "p"));

        Assert.Equal(KubernetesErrorReason.Unreachable, ex.Reason);
        Assert.Contains("did not answer", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Connection_refused_is_reported_as_unreachable_with_the_server_address()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var connection = new KubernetesConnection(new Uri($"http://127.0.0.1:{port}"), new SocketsHttpHandler(), null,
            options: StubHandler.FastOptions with { MaxAttempts = 2 });

        var ex = await Assert.ThrowsAsync<KubernetesApiException>(() => connection.Api.Namespaces.GetAsync("ml"));

        Assert.Equal(KubernetesErrorReason.Unreachable, ex.Reason);
        Assert.Equal("BodyworkClusterUnreachable", ex.ErrorId);
        Assert.Contains($"127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("connection refused", ex.Message, StringComparison.Ordinal);
        Assert.Contains("getting Namespace ml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_rate_limit_lets_a_burst_of_100_through_without_waiting()
    {
        var defaults = KubernetesClientOptions.Default;
        var bucket = new TokenBucket(defaults.QueriesPerSecond, defaults.Burst);

        for (var i = 0; i < 100; i++)
        {
            Assert.True(bucket.AcquireAsync(CancellationToken.None).AsTask().IsCompleted, $"request {i} had to wait");
        }

        Assert.True(defaults.QueriesPerSecond >= 50);
    }

    [Fact]
    public async Task The_rate_limit_makes_requests_beyond_the_burst_wait()
    {
        var bucket = new TokenBucket(0.001, 2);
        using var cts = new CancellationTokenSource();

        Assert.True(bucket.AcquireAsync(cts.Token).AsTask().IsCompleted);
        Assert.True(bucket.AcquireAsync(cts.Token).AsTask().IsCompleted);
        var third = bucket.AcquireAsync(cts.Token).AsTask();

        Assert.False(third.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third);
    }
}
