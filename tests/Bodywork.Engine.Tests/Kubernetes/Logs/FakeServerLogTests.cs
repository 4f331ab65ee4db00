using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Engine.Tests.Kubernetes.Client;
using FakeKubernetes;
using Xunit;

namespace Bodywork.Engine.Tests.Kubernetes.Logs;

public class FakeServerLogTests
{
    private static Pod Pod(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new PodSpec { RestartPolicy = "Never", Containers = [new Container { Name = "main", Image = "python:3.12" }] },
    };

    [Fact]
    public async Task Logs_are_empty_before_the_container_runs_and_stream_while_it_does()
    {
        await using var cluster = await FakeCluster.StartAsync(new FakeApiServerOptions { Namespaces = ["ml"], Kubelet = KubeletMode.Manual });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await cluster.Api.Pods.CreateAsync("ml", Pod("p"), cancellationToken: cts.Token);
        cluster.Server.Pods.Wait("ml", "p", "ContainerCreating");

        Assert.Equal("", await cluster.Api.Pods.ReadLogAsync("ml", "p", cancellationToken: cts.Token));

        cluster.Server.Pods.Start("ml", "p");
        cluster.Server.Pods.AppendLog("ml", "p", "first\n");
        var lines = new List<string>();
        await using var stream = cluster.Api.Pods.StreamLogAsync("ml", "p", new PodLogOptions { Follow = true }, cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await stream.MoveNextAsync());
        lines.Add(stream.Current);

        cluster.Server.Pods.AppendLog("ml", "p", "second\n");
        Assert.True(await stream.MoveNextAsync());
        lines.Add(stream.Current);
        cluster.Server.Pods.Terminate("ml", "p", exitCode: 0);
        while (await stream.MoveNextAsync())
        {
            lines.Add(stream.Current);
        }

        Assert.Equal(["first", "second"], lines.ToArray());
        Assert.Equal("first\nsecond\n", await cluster.Api.Pods.ReadLogAsync("ml", "p", cancellationToken: cts.Token));
    }
}
