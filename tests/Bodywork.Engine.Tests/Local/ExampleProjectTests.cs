using System.Net.Sockets;
using System.Text.Json;
using Bodywork.Engine.Local;
using Bodywork.Engine.Tests.Support;
using Bodywork.Models.Local;
using Bodywork.Models.Workflows;
using Xunit;

namespace Bodywork.Engine.Tests.Local;

/// <summary>The README's main job: examples/iris-pipeline runs locally, its service answers, and is then stopped.</summary>
public sealed class ExampleProjectTests : IDisposable
{
    private readonly LocalRunHarness _harness = new();
    private readonly TempDirectory _copy = new();

    public void Dispose()
    {
        _harness.Dispose();
        _copy.Dispose();
    }

    [UnixFact]
    public async Task The_example_project_runs_locally_serves_predictions_and_stops()
    {
        var project = CopyExample(out var port);
        var artifacts = Path.Combine(_harness.Root, "artifacts");
        var context = new RecordingContext();

        var run = await _harness.RunAsync(new LocalWorkflowRequest
        {
            Path = project,
            Environment = new Dictionary<string, string> { ["BODYWORK_ARTIFACTS_DIR"] = artifacts },
        }, context);

        Assert.NotNull(run);
        Assert.True(run.Status == WorkflowStatus.Succeeded, run.Error);
        Assert.Equal("iris-pipeline", run.Project);
        Assert.True(run.IsLocal);
        Assert.Equal([["prepare-data"], ["train-a", "train-b"], ["choose-model"], ["scoring-service"]],
            run.Steps.Select(s => s.Stages.Select(x => x.Stage).ToArray()).ToArray());
        foreach (var file in new[] { "train.csv", "test.csv", "model-nearest-centroid.json", "model-decision-stump.json", "chosen-model.json" })
        {
            Assert.True(File.Exists(Path.Combine(artifacts, file)), $"{file} was not produced");
        }

        var url = $"http://127.0.0.1:{port}";
        Assert.Equal([url], run.ServiceUrls);
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
        {
            var health = await http.GetAsync(url + "/healthz");
            Assert.True(health.IsSuccessStatusCode);
            // serve.py reads Content-Length, so no chunked body.
            using var request = new StringContent("{\"features\": [5.1, 3.5, 1.4, 0.2]}");
            var scored = await http.PostAsync(url + "/score", request);
            var body = JsonDocument.Parse(await scored.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("setosa", body.GetProperty("species").GetString());
        }

        // Stage output streamed to the information stream, tagged with the stage.
        Assert.Contains(context.Information, i => i.Tags.Contains("prepare-data") && i.Message.StartsWith("prepared ", StringComparison.Ordinal));
        Assert.Contains(context.Information, i => i.Tags.Contains("scoring-service") && i.Message.StartsWith("serving ", StringComparison.Ordinal));

        var service = Assert.Single(_harness.Store.List());
        Assert.Equal(LocalServiceStatus.Running, service.Status);
        Assert.Equal("iris-pipeline--scoring-service", service.Name);
        Assert.Equal(port, service.Port);
        Assert.True(File.Exists(service.LogFile));
        Assert.True(Directory.Exists(service.WorkingDirectory));

        var stopped = await _harness.Store.StopByNameAsync("iris-pipeline--scoring-service");

        Assert.NotNull(stopped);
        Assert.True(await Wait.UntilAsync(() => !Wait.IsAlive(service.ProcessId)), "the service process is still running");
        Assert.Empty(_harness.Store.List());
        Assert.False(Directory.Exists(service.WorkingDirectory), "the run's copy of the project was not removed");
        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync("127.0.0.1", port));
        // serve.py stops cleanly on SIGTERM and says so.
        Assert.Contains("stopped", await File.ReadAllTextAsync(service.LogFile), StringComparison.Ordinal);
    }

    /// <summary>A copy of examples/iris-pipeline whose service listens on a free port.</summary>
    private string CopyExample(out int port)
    {
        var source = Path.Combine(RepositoryRoot(), "examples", "iris-pipeline");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_copy.Path, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        port = LocalRunHarness.FreePort();
        var config = Path.Combine(_copy.Path, "scoring-service", "config.ini");
        File.WriteAllText(config, File.ReadAllText(config).Replace("PORT=5000", $"PORT={port}", StringComparison.Ordinal));
        return _copy.Path;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Bodywork.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("cannot find the repository root");
    }
}
