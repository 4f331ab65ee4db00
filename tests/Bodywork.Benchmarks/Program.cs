using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Bodywork.Benchmarks;
using Bodywork.Engine.Kubernetes;
using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Config;
using Bodywork.Engine.Kubernetes.Watch;
using Bodywork.Engine.Manifests;
using Bodywork.Engine.Projects;
using Bodywork.Engine.Workflows;
using Bodywork.Engine.Workflows.Kubernetes;
using Bodywork.Models.Projects;
using Bodywork.Models.Workflows;
using FakeKubernetes;

// Orchestration overhead of Kubernetes workflows against the fake API server with instantly-completing pods.
// Every figure is compared with floors measured in the same run, made directly with the client:
// "round trips" = create the Job and delete it (the two writes a stage cannot avoid, no waiting), and
// "naive wait" = create, wait for its Complete condition through a watch of its own, delete.
// Usage: dotnet run -c Release --project tests/Bodywork.Benchmarks -- [--steps 20] [--fanout 100] [--repeat 3]
var steps = Arg("--steps", 20);
var fanout = Arg("--fanout", 100);
var repeat = Arg("--repeat", 3);
const string Ns = "bench";

await using var server = await FakeApiServer.StartAsync(new FakeApiServerOptions
{
    Kubelet = KubeletMode.Succeed,
    Namespaces = [Ns],
    PodStartDelay = TimeSpan.Zero,
    PodRunTime = TimeSpan.Zero,
    JobRetryDelay = TimeSpan.Zero,
});
SetUpNamespace(server);
var scratch = Path.Combine(Path.GetTempPath(), "bodywork-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(scratch);
var kubeconfig = Path.Combine(scratch, "kubeconfig");
server.WriteKubeconfig(kubeconfig, Ns);
using var connection = KubernetesClientFactory.Create(new KubernetesConnectionOptions(kubeconfig));
var api = connection.Api;

var projects = new Dictionary<string, BodyworkProject>
{
    ["floor-chain"] = Load("floor-chain", steps, chain: true),
    ["rt-chain"] = Load("rt-chain", steps, chain: true),
    ["rt-fan"] = Load("rt-fan", fanout, chain: false),
    ["bench-chain"] = Load("bench-chain", steps, chain: true),
    ["floor-fan"] = Load("floor-fan", fanout, chain: false),
    ["bench-fan"] = Load("bench-fan", fanout, chain: false),
    ["warm"] = Load("warm", 2, chain: true),
};

// Warm up JIT, connections and the fake's controllers.
await RawStagesAsync(projects["warm"], parallel: false);
await WorkflowAsync(projects["warm"]);

var results = new List<Measurement[]>();
for (var i = 0; i < repeat; i++)
{
    results.Add(
    [
        await MeasureAsync("floor chain", steps, () => RawStagesAsync(projects["floor-chain"], parallel: false)),
        await MeasureAsync("round-trip chain", steps, () => RawStagesAsync(projects["rt-chain"], parallel: false, wait: false)),
        await MeasureAsync("round-trip fan-out", fanout, () => RawStagesAsync(projects["rt-fan"], parallel: true, wait: false)),
        await MeasureAsync("bodywork chain", steps, () => WorkflowAsync(projects["bench-chain"])),
        await MeasureAsync("floor fan-out", fanout, () => RawStagesAsync(projects["floor-fan"], parallel: true)),
        await MeasureAsync("bodywork fan-out", fanout, () => WorkflowAsync(projects["bench-fan"])),
    ]);
}

Measurement Median(int index)
{
    var sorted = results.Select(r => r[index]).OrderBy(m => m.Elapsed).ToList();
    return sorted[sorted.Count / 2];
}

var floorChain = Median(0);
var rtChain = Median(1);
var rtFan = Median(2);
var chain = Median(3);
var floorFan = Median(4);
var fan = Median(5);
var perStepFloor = rtChain.Elapsed.TotalMilliseconds / steps;
var perStepNaive = floorChain.Elapsed.TotalMilliseconds / steps;
var perStep = chain.Elapsed.TotalMilliseconds / steps;
Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}");
Console.WriteLine($"runs: {repeat} (median shown), {steps}-step chain, {fanout}-stage fan-out, pods complete instantly");
Console.WriteLine();
Console.WriteLine("| Measure | Floor (raw client calls) | Bodywork | Ratio | Target |");
Console.WriteLine("|---|---|---|---|---|");
Row($"time per DAG step, {steps}-step chain, vs round trips (ms)", perStepFloor, perStep, $"overhead {perStep - perStepFloor:0.0} ms/step (< 10 ms)");
Row($"time per DAG step, {steps}-step chain, vs naive wait (ms)", perStepNaive, perStep, $"overhead {perStep - perStepNaive:0.0} ms/step");
Row($"time for one step of {fanout} parallel stages, vs round trips (ms)", rtFan.Elapsed.TotalMilliseconds, fan.Elapsed.TotalMilliseconds,
    $"overhead {(fan.Elapsed.TotalMilliseconds - rtFan.Elapsed.TotalMilliseconds) / fanout:0.0} ms/stage");
Row($"time for one step of {fanout} parallel stages, vs naive wait (ms)", floorFan.Elapsed.TotalMilliseconds, fan.Elapsed.TotalMilliseconds,
    $"overhead {(fan.Elapsed.TotalMilliseconds - floorFan.Elapsed.TotalMilliseconds) / fanout:0.0} ms/stage");
Row("API requests per batch stage, chain, vs naive wait", floorChain.RequestsPerStage, chain.RequestsPerStage, "< 5");
Row("API requests per batch stage, fan-out, vs naive wait", floorFan.RequestsPerStage, fan.RequestsPerStage, "< 5");
Row("peak managed heap, chain, vs naive wait (MB)", floorChain.PeakBytes / 1e6, chain.PeakBytes / 1e6, "");
Row("peak managed heap, fan-out, vs naive wait (MB)", floorFan.PeakBytes / 1e6, fan.PeakBytes / 1e6, "");
Console.WriteLine();
Console.WriteLine("requests by verb, bodywork chain: " + chain.Requests);
Console.WriteLine("requests by verb, bodywork fan-out: " + fan.Requests);
try
{
    Directory.Delete(scratch, recursive: true);
}
catch (IOException)
{
}

return;

void Row(string name, double floor, double ours, string target) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {floor:0.0} | {ours:0.0} | {(floor > 0 ? ours / floor : double.NaN):0.00} | {target} |"));

async Task<Measurement> MeasureAsync(string name, int stages, Func<Task> run)
{
    server.Counters.Reset();
    using var memory = new MemorySampler();
    var clock = Stopwatch.StartNew();
    await run();
    clock.Stop();
    var peak = memory.Stop();
    var snapshot = server.Counters.Snapshot();
    var total = snapshot.Values.Sum();
    var byVerb = string.Join(", ", snapshot.OrderByDescending(p => p.Value).Select(p => $"{p.Key}={p.Value}"));
    Console.Error.WriteLine($"{name}: {clock.Elapsed.TotalMilliseconds:0} ms, {total} requests, peak heap +{peak / 1e6:0.0} MB");
    return new Measurement(clock.Elapsed, (double)total / stages, peak, byVerb);
}

async Task RawStagesAsync(BodyworkProject project, bool parallel, bool wait = true)
{
    var source = new StageSource(Ns, "https://example.invalid/repo.git", "main", null, project.Image);
    async Task OneAsync(BodyworkStage stage)
    {
        var job = JobManifest.Build(stage, project.Path, source);
        await api.Jobs.CreateAsync(Ns, job);
        if (!wait)
        {
            await api.Jobs.DeleteAsync(Ns, stage.ObjectName, DeleteOptions.Default);
            return;
        }

        var outcome = await JobCompletion.WaitAsync(api.Jobs, Ns, stage.ObjectName, TimeSpan.FromSeconds(120));
        if (!outcome.IsSuccess)
        {
            throw new InvalidOperationException($"{stage.ObjectName}: {outcome.Kind} {outcome.Message}");
        }

        await api.Jobs.DeleteAsync(Ns, stage.ObjectName, DeleteOptions.Default);
    }

    if (parallel)
    {
        await Task.WhenAll(project.Stages.Select(OneAsync));
    }
    else
    {
        foreach (var stage in project.Stages)
        {
            await OneAsync(stage);
        }
    }
}

async Task WorkflowAsync(BodyworkProject project)
{
    var source = new StageSource(Ns, "https://example.invalid/repo.git", "main", null, project.Image);
    var run = new WorkflowExecutionContext { Project = project, Source = source.RepoUrl, Branch = "main", Namespace = Ns };
    var result = await new WorkflowRunner(new KubernetesStageExecutor(api, source), new NoObserver()).RunAsync(run, CancellationToken.None);
    if (result.Status != WorkflowStatus.Succeeded)
    {
        throw new InvalidOperationException($"{project.Name}: {result.Error}");
    }
}

BodyworkProject Load(string name, int stages, bool chain) =>
    BodyworkProjects.Load(BenchmarkProject.Write(Path.Combine(scratch, name), name, stages, chain));

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static void SetUpNamespace(FakeApiServer server)
{
    foreach (var account in new[] { BodyworkNames.WorkflowControllerAccount, BodyworkNames.StageAccount })
    {
        server.Store.Put(JsonNode.Parse($$$"""{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"{{{account}}}","namespace":"{{{Ns}}}"}}""")!.AsObject());
    }
}

internal sealed record Measurement(TimeSpan Elapsed, double RequestsPerStage, long PeakBytes, string Requests);

internal sealed class NoObserver : IWorkflowObserver
{
    public void OnEvent(WorkflowEvent workflowEvent)
    {
    }
}
