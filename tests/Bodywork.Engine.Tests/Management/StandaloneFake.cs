using System.Diagnostics;
using System.Text;
using Xunit;

namespace Bodywork.Engine.Tests.Management;

/// <summary>
/// The fake API server as a separate process (as users and kubectl see it), started once per test class,
/// plus kubectl runs against it. kubectl missing: <see cref="KubectlMissing"/> says why tests skip.
/// </summary>
public sealed class StandaloneFake : IAsyncLifetime
{
    private Process? _server;
    private readonly StringBuilder _stderr = new();

    public string Kubeconfig { get; private set; } = "";
    public string Directory { get; private set; } = "";

    /// <summary>Null when kubectl is on PATH; else the reason the CLI tests skip.</summary>
    public static string? KubectlMissing =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "kubectl")))
            ? null
            : "kubectl is not on PATH";

    public async Task InitializeAsync()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("ns-cli-").FullName;
        Kubeconfig = Path.Combine(Directory, "config");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in new[] { FakeDll(), "--kubeconfig", Kubeconfig, "--kubelet", "succeed", "--namespace", "ml" })
        {
            psi.ArgumentList.Add(a);
        }

        _server = Process.Start(psi)!;
        _server.ErrorDataReceived += (_, e) => { lock (_stderr) _stderr.AppendLine(e.Data); };
        _server.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var line = await _server.StandardOutput.ReadLineAsync(cts.Token);
        if (line?.StartsWith("Listening on ", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"the standalone fake did not start: {line} {_stderr}");
        }
    }

    public Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit(10_000);
        }

        _server?.Dispose();
        return Task.CompletedTask;
    }

    public sealed record Result(int ExitCode, string Out, string Err);

    public async Task<Result> KubectlAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["KUBECONFIG"] = Kubeconfig;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("kubectl " + string.Join(' ', args) + " did not finish");
        }

        return new Result(p.ExitCode, await stdout, await stderr);
    }

    public async Task<string> KubectlOkAsync(params string[] args)
    {
        var r = await KubectlAsync(args);
        Assert.True(r.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed ({r.ExitCode}): {r.Err}{r.Out}");
        return r.Out;
    }

    private static string FakeDll()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "FakeKubernetes.dll");
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, "FakeKubernetes.runtimeconfig.json")))
        {
            return local;
        }

        var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.Directory.Exists(Path.Combine(dir.FullName, "FakeKubernetes")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "FakeKubernetes", "bin", config, "net10.0", "FakeKubernetes.dll");
    }
}
