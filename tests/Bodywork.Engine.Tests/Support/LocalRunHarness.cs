using System.Net;
using System.Net.Sockets;
using Bodywork.Engine.Local;
using Bodywork.Models.Workflows;

namespace Bodywork.Engine.Tests.Support;

/// <summary>
/// An isolated local-run environment for a test: its own state folder (services, logs, workspaces) and
/// output folder; Dispose stops every service the test left running.
/// </summary>
public sealed class LocalRunHarness : IDisposable
{
    public const string ListeningService =
        "import http.server, os\n"
        + "server = http.server.HTTPServer(('127.0.0.1', int(os.environ['PORT'])), http.server.SimpleHTTPRequestHandler)\n"
        + "print('listening on', os.environ['PORT'], flush=True)\n"
        + "server.serve_forever()\n";

    private readonly TempDirectory _temp = new("bodywork-local-tests");

    public LocalRunHarness()
    {
        Store = new LocalServiceStore(_temp.Combine("state"));
        Service = new LocalWorkflowService(Store);
        Output = _temp.Combine("out");
        Directory.CreateDirectory(Output);
    }

    public LocalServiceStore Store { get; }
    public LocalWorkflowService Service { get; }
    /// <summary>A folder stages can write to (passed as $OUT).</summary>
    public string Output { get; }
    public string Root => _temp.Path;

    public string OutputFile(string name) => Path.Combine(Output, name);

    /// <summary>Runs with $OUT set; waits at most 3 minutes.</summary>
    public Task<WorkflowRun?> RunAsync(LocalWorkflowRequest request, RecordingContext? context = null, IWorkflowObserver? observer = null)
    {
        var environment = new Dictionary<string, string>(request.Environment) { ["OUT"] = Output };
        return Service.RunAsync(request with { Environment = environment }, context ?? new RecordingContext(), observer)
            .WaitAsync(TimeSpan.FromMinutes(3), CancellationToken.None);
    }

    public static int FreePort() => TestPorts.Free();

    public static int ReadPid(string file) => int.Parse(File.ReadAllText(file).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public static Task<bool> FileHasTextAsync(string file) =>
        Wait.UntilAsync(() => File.Exists(file) && File.ReadAllText(file).Trim().Length > 0);

    public void Dispose()
    {
        Store.Stop(grace: TimeSpan.FromSeconds(2));
        _temp.Dispose();
    }
}
