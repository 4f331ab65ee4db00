using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Errors;
using Bodywork.Engine.Tests.Kubernetes.Client;
using Xunit;

namespace Bodywork.Engine.Tests.Kubernetes.Logs;

public class PodLogTests
{
    private static string PodState(string state) =>
        """{"metadata":{"name":"p","namespace":"ml"},"status":{"phase":"Running","containerStatuses":[{"name":"main","ready":true,"restartCount":0,"state":{"""
        + "\"" + state + "\":{}}}]}}";

    private static async Task<List<string>> Collect(IAsyncEnumerable<string> lines)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var result = new List<string>();
        await foreach (var line in lines.WithCancellation(cts.Token))
        {
            result.Add(line);
        }

        return result;
    }

    [Fact]
    public async Task Read_log_passes_its_parameters()
    {
        var handler = new StubHandler((r, i) => StubHandler.Text(200, "a\nb\n"));
        using var connection = handler.Connect();

        var text = await connection.Api.Pods.ReadLogAsync("ml", "p", new PodLogOptions
        {
            Container = "main",
            TailLines = 10,
            Timestamps = true,
            SinceTime = new DateTimeOffset(2026, 12, 1, 4, 5, 6, 700, TimeSpan.Zero),
        });

        Assert.Equal("a\nb\n", text);
        var request = Assert.Single(handler.RequestList);
        Assert.Equal("/api/v1/namespaces/ml/pods/p/log", request.Path);
        Assert.Equal("main", request.Query("container"));
        Assert.Equal("10", request.Query("tailLines"));
        Assert.Equal("true", request.Query("timestamps"));
        Assert.Equal("2026-12-01T04:05:06Z", request.Query("sinceTime"));
        Assert.Null(request.Query("follow"));
    }

    [Theory]
    [InlineData("container \"main\" in pod \"p\" is waiting to start: ContainerCreating")]
    [InlineData("container \"main\" in pod \"p\" is waiting to start: PodInitializing")]
    public async Task A_container_that_has_not_started_has_an_empty_log(string message)
    {
        var handler = new StubHandler((r, i) => StubHandler.Json(400, StubHandler.Status(400, "BadRequest", message)));
        using var connection = handler.Connect();

        Assert.Equal("", await connection.Api.Pods.ReadLogAsync("ml", "p"));
        Assert.Empty(await Collect(connection.Api.Pods.StreamLogAsync("ml", "p", new PodLogOptions { Follow = true })));
    }

    [Fact]
    public async Task Other_bad_requests_are_errors()
    {
        var handler = new StubHandler((r, i) => StubHandler.Json(400, StubHandler.Status(400, "BadRequest",
            "a container name must be specified for pod p, choose one of: [a b]")));
        using var connection = handler.Connect();

        var ex = await Assert.ThrowsAsync<KubernetesApiException>(() => connection.Api.Pods.ReadLogAsync("ml", "p"));
        Assert.Contains("choose one of", ex.Message, StringComparison.Ordinal);
        Assert.Contains("reading the log of Pod ml/p", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_pod_is_not_found()
    {
        var handler = new StubHandler((r, i) => StubHandler.Json(404, StubHandler.Status(404, "NotFound", "pods \"p\" not found")));
        using var connection = handler.Connect();

        var ex = await Assert.ThrowsAsync<KubernetesApiException>(() => connection.Api.Pods.ReadLogAsync("ml", "p"));
        Assert.Equal(KubernetesErrorReason.NotFound, ex.Reason);
    }

    [Fact]
    public async Task A_followed_stream_cut_while_running_resumes_without_duplicates()
    {
        var logRequests = new List<RecordedRequest>();
        var podChecks = 0;
        var handler = new StubHandler((r, i) =>
        {
            if (!r.Path.EndsWith("/log", StringComparison.Ordinal))
            {
                // First check after the cut: still running; second check after the real end: terminated.
                return StubHandler.Json(200, PodState(Interlocked.Increment(ref podChecks) == 1 ? "running" : "terminated"));
            }

            lock (logRequests)
            {
                logRequests.Add(r);
                return logRequests.Count == 1
                    ? StubHandler.Stream(
                        "2026-12-01T04:00:00.100000000Z one\n2026-12-01T04:00:01.5Z two\n2026-12-01T04:00:01.5Z two again\n", hang: false)
                    // sinceTime has second precision: the server repeats everything from 04:00:01.
                    : StubHandler.Stream(
                        "2026-12-01T04:00:01.5Z two\n2026-12-01T04:00:01.5Z two again\n2026-12-01T04:00:01.75Z three\n2026-12-01T04:00:02Z four\n", hang: false);
            }
        });
        using var connection = handler.Connect();

        var lines = await Collect(connection.Api.Pods.StreamLogAsync("ml", "p", new PodLogOptions { Follow = true, Container = "main", TailLines = 100 }));

        Assert.Equal(["one", "two", "two again", "three", "four"], lines.ToArray());
        Assert.Equal(2, logRequests.Count);
        Assert.Equal("true", logRequests[0].Query("follow"));
        Assert.Equal("true", logRequests[0].Query("timestamps"));
        Assert.Equal("100", logRequests[0].Query("tailLines"));
        Assert.Null(logRequests[1].Query("tailLines"));
        Assert.Equal("2026-12-01T04:00:01Z", logRequests[1].Query("sinceTime"));
        Assert.Equal(2, podChecks);
    }

    [Fact]
    public async Task Timestamps_are_kept_when_asked_for()
    {
        var handler = new StubHandler((r, i) => r.Path.EndsWith("/log", StringComparison.Ordinal)
            ? StubHandler.Stream("2026-12-01T04:00:00Z hello\n", hang: false)
            : StubHandler.Json(200, PodState("terminated")));
        using var connection = handler.Connect();

        var lines = await Collect(connection.Api.Pods.StreamLogAsync("ml", "p", new PodLogOptions { Follow = true, Timestamps = true }));

        Assert.Equal(["2026-12-01T04:00:00Z hello"], lines.ToArray());
    }

    [Fact]
    public async Task Without_follow_the_stream_ends_with_the_current_content()
    {
        var handler = new StubHandler((r, i) => StubHandler.Stream("2026-12-01T04:00:00Z a\n2026-12-01T04:00:00Z b\n", hang: false));
        using var connection = handler.Connect();

        var lines = await Collect(connection.Api.Pods.StreamLogAsync("ml", "p"));

        Assert.Equal(["a", "b"], lines.ToArray());
        Assert.Single(handler.RequestList);
    }

    [Theory]
    [InlineData("2026-12-01T04:00:01.123456789Z", 1234567)]
    [InlineData("2026-12-01T04:00:01.5Z", 5000000)]
    [InlineData("2026-12-01T04:00:01Z", 0)]
    [InlineData("2026-12-01T05:00:01.25+01:00", 2500000)]
    public void Nanosecond_timestamps_parse(string stamp, long fractionTicks)
    {
        Assert.True(LogLineDeduplicator.TryParse(stamp, out var time));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 4, 0, 1, TimeSpan.Zero).AddTicks(fractionTicks), time.ToUniversalTime());
    }
}
