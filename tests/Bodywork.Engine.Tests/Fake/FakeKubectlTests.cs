using System.Diagnostics;
using System.Text;
using Xunit;

namespace Bodywork.Engine.Tests.Fake;

/// <summary>
/// The installed kubectl against the standalone fake (process kubelet): create, apply (client- and server-side), get,
/// list, watch, logs and delete. Proves the fake speaks the real protocol. Skipped (passes vacuously) when kubectl is
/// not on PATH — the reason is printed.
/// </summary>
public sealed class FakeKubectlTests
{
    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static string FakeDll()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "FakeKubernetes.dll");
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, "FakeKubernetes.runtimeconfig.json"))) return local;
        var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "FakeKubernetes"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "FakeKubernetes", "bin", config, "net10.0", "FakeKubernetes.dll");
    }

    private sealed record Result(int ExitCode, string Out, string Err);

    private static async Task<Result> RunAsync(string kubeconfig, params string[] args)
    {
        var psi = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["KUBECONFIG"] = kubeconfig;
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

    private static async Task<string> OkAsync(string kubeconfig, params string[] args)
    {
        var r = await RunAsync(kubeconfig, args);
        Assert.True(r.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed ({r.ExitCode}): {r.Err}{r.Out}");
        return r.Out;
    }

    [Fact]
    public async Task Kubectl_drives_the_standalone_fake()
    {
        if (FindOnPath("kubectl") is null)
        {
            Console.WriteLine("SKIPPED Kubectl_drives_the_standalone_fake: kubectl is not on PATH");
            return;
        }
        var dir = Directory.CreateTempSubdirectory("fake-kubectl-");
        var kubeconfig = Path.Combine(dir.FullName, "config");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in new[] { FakeDll(), "--kubeconfig", kubeconfig, "--kubelet", "process", "--namespace", "demo" }) psi.ArgumentList.Add(a);
        using var server = Process.Start(psi)!;
        var stderr = new StringBuilder();
        server.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
        server.BeginErrorReadLine();
        try
        {
            using (var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
            {
                var line = await server.StandardOutput.ReadLineAsync(cts.Token);
                Assert.True(line?.StartsWith("Listening on http://127.0.0.1:", StringComparison.Ordinal) == true, $"unexpected first line: {line} {stderr}");
            }
            Assert.Contains("namespace: demo", await File.ReadAllTextAsync(kubeconfig));

            var job = Path.Combine(dir.FullName, "job.yaml");
            await File.WriteAllTextAsync(job, """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: hello
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: main
                        image: python:3.12
                        command: ["sh", "-c", "echo hello from $WHO"]
                        env:
                        - name: WHO
                          value: kubectl
                """);
            Assert.Contains("job.batch/hello created", await OkAsync(kubeconfig, "create", "-f", job));
            Assert.Contains("condition met", await OkAsync(kubeconfig, "wait", "--for=condition=complete", "job/hello", "--timeout=90s"));
            Assert.Equal("hello from kubectl\n", await OkAsync(kubeconfig, "logs", "job/hello"));

            var deploy = Path.Combine(dir.FullName, "deploy.yaml");
            const string Deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: REPLICAS
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                      - name: web
                        image: IMAGE
                        command: ["sleep", "600"]
                """;
            await File.WriteAllTextAsync(deploy, Deployment.Replace("REPLICAS", "1").Replace("IMAGE", "nginx:1.25"));
            Assert.Contains("deployment.apps/web created", await OkAsync(kubeconfig, "apply", "-f", deploy));
            await File.WriteAllTextAsync(deploy, Deployment.Replace("REPLICAS", "2").Replace("IMAGE", "nginx:1.25"));
            Assert.Contains("deployment.apps/web configured", await OkAsync(kubeconfig, "apply", "-f", deploy));
            await File.WriteAllTextAsync(deploy, Deployment.Replace("REPLICAS", "2").Replace("IMAGE", "nginx:1.26"));
            Assert.Contains("serverside-applied", await OkAsync(kubeconfig, "apply", "--server-side", "--force-conflicts", "-f", deploy));
            Assert.Equal("2", await OkAsync(kubeconfig, "get", "deployment", "web", "-o", "jsonpath={.spec.replicas}"));
            Assert.Equal("nginx:1.26", await OkAsync(kubeconfig, "get", "deployment", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}"));
            Assert.Contains("successfully rolled out", await OkAsync(kubeconfig, "rollout", "status", "deployment/web", "--timeout=90s"));

            var names = await OkAsync(kubeconfig, "get", "jobs,deployments", "-o", "name");
            Assert.Contains("job.batch/hello", names);
            Assert.Contains("deployment.apps/web", names);

            // watch: a second kubectl streams the ADDED secret
            var watchPsi = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "get", "secrets", "--watch", "-o", "name", "--request-timeout=90s" }) watchPsi.ArgumentList.Add(a);
            watchPsi.Environment["KUBECONFIG"] = kubeconfig;
            using (var watch = Process.Start(watchPsi)!)
            {
                try
                {
                    // (kubectl's generator commands such as "create secret" send protobuf, which the fake answers with 415.)
                    var secret = Path.Combine(dir.FullName, "secret.yaml");
                    await File.WriteAllTextAsync(secret, "apiVersion: v1\nkind: Secret\nmetadata:\n  name: watched\nstringData:\n  k: v\n");
                    await OkAsync(kubeconfig, "apply", "-f", secret);
                    using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
                    string? seen;
                    do seen = await watch.StandardOutput.ReadLineAsync(cts.Token);
                    while (seen is not null && seen != "secret/watched");
                    Assert.Equal("secret/watched", seen);
                }
                finally
                {
                    watch.Kill(entireProcessTree: true);
                }
            }

            Assert.Contains("deleted", await OkAsync(kubeconfig, "delete", "-f", job));
            var gone = await RunAsync(kubeconfig, "get", "job", "hello");
            Assert.NotEqual(0, gone.ExitCode);
            Assert.Contains("NotFound", gone.Err);

            // Closing stdin stops the standalone server.
            server.StandardInput.Close();
            using var exit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await server.WaitForExitAsync(exit.Token);
            Assert.Equal(0, server.ExitCode);
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            dir.Delete(recursive: true);
        }
    }
}
