using System.Runtime.InteropServices;
using FakeKubernetes;

// Standalone mode: dotnet run --project tests/FakeKubernetes -- --kubeconfig PATH [--kubelet process|succeed|manual]
//   [--tls] [--auth] [--namespace NS] [--port N] [--no-stdin]
string? kubeconfig = null;
var kubelet = KubeletMode.Succeed;
var tls = false;
var auth = false;
var ns = "default";
var port = 0;
var watchStdin = true;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--kubeconfig": kubeconfig = Next(); break;
        case "--kubelet":
            kubelet = Next() switch
            {
                "process" => KubeletMode.Process,
                "succeed" => KubeletMode.Succeed,
                "manual" => KubeletMode.Manual,
                var other => throw new ArgumentException($"--kubelet: expected process, succeed or manual, got '{other}'"),
            };
            break;
        case "--tls": tls = true; break;
        case "--auth": auth = true; break;
        case "--namespace": ns = Next(); break;
        case "--port": port = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--no-stdin": watchStdin = false; break;
        default:
            await Console.Error.WriteLineAsync($"unknown argument '{args[i]}'. Usage: --kubeconfig PATH [--kubelet process|succeed|manual] [--tls] [--auth] [--namespace NS] [--port N] [--no-stdin]");
            return 2;
    }
}
if (kubeconfig is null)
{
    await Console.Error.WriteLineAsync("--kubeconfig PATH is required");
    return 2;
}

await using var server = await FakeApiServer.StartAsync(new FakeApiServerOptions
{
    Kubelet = kubelet,
    Tls = tls,
    RequireAuthentication = auth,
    Port = port,
    Namespaces = [ns],
});
server.WriteKubeconfig(Path.GetFullPath(kubeconfig), ns);
Console.WriteLine($"Listening on {server.Url}");
Console.Out.Flush();

var stop = new TaskCompletionSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
if (watchStdin && Console.IsInputRedirected && !StdinIsDevNull())
{
    _ = Task.Run(async () =>
    {
        using var stdin = Console.OpenStandardInput();
        var buffer = new byte[256];
        while (await stdin.ReadAsync(buffer) > 0)
        {
        }
        stop.TrySetResult();
    });
}
await stop.Task;
return 0;

static bool StdinIsDevNull()
{
    try
    {
        return OperatingSystem.IsLinux() && new FileInfo("/proc/self/fd/0").LinkTarget == "/dev/null";
    }
    catch (IOException)
    {
        return false;
    }
}
