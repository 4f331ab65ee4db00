using System.Text;
using System.Text.Json;
using Bodywork.Cli;
using Xunit;

namespace Bodywork.Engine.Tests.Management;

/// <summary>
/// Each management command of the <c>bodywork</c> CLI against the standalone fake (a separate process), with
/// the result read back through kubectl. Skipped (passes vacuously, reason printed) without kubectl.
/// </summary>
public sealed class ManagementCliTests : IClassFixture<StandaloneFake>
{
    private readonly StandaloneFake _fake;

    public ManagementCliTests(StandaloneFake fake) => _fake = fake;

    private sealed record CliRun(int ExitCode, string Out, string Error)
    {
        public string[] Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
    }

    private async Task<CliRun> BodyworkAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync([.. args, "--kubeconfig", _fake.Kubeconfig], stdout, stderr, CancellationToken.None);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    private static bool Skip(string test)
    {
        if (StandaloneFake.KubectlMissing is { } reason)
        {
            Console.WriteLine($"SKIPPED {test}: {reason}");
            return true;
        }

        return false;
    }

    [Fact]
    public async Task Setup_namespace_creates_the_objects_and_a_second_run_reports_them_existing()
    {
        if (Skip(nameof(Setup_namespace_creates_the_objects_and_a_second_run_reports_them_existing))) return;
        var first = await BodyworkAsync("setup-namespace", "cli-setup");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(
        [
            "creating namespace=cli-setup",
            "creating service-account=bodywork-workflow-controller in namespace=cli-setup",
            "creating cluster-role-binding=bodywork-workflow-controller--cli-setup",
            "creating service-account=bodywork-jobs-and-deployments in namespace=cli-setup",
        ], first.Lines);
        var accounts = await _fake.KubectlOkAsync("get", "serviceaccounts", "-n", "cli-setup", "-o", "name");
        Assert.Contains("serviceaccount/bodywork-workflow-controller", accounts, StringComparison.Ordinal);
        Assert.Contains("serviceaccount/bodywork-jobs-and-deployments", accounts, StringComparison.Ordinal);
        Assert.Equal("bodywork-workflow-controller",
            await _fake.KubectlOkAsync("get", "clusterrolebinding", "bodywork-workflow-controller--cli-setup", "-o", "jsonpath={.roleRef.name}"));

        var second = await BodyworkAsync("setup-namespace", "cli-setup");
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(
        [
            "namespace=cli-setup already exists",
            "service-account=bodywork-workflow-controller already exists in namespace=cli-setup",
            "service-account=bodywork-jobs-and-deployments already exists in namespace=cli-setup",
        ], second.Lines);
    }

    [Fact]
    public async Task Secret_create_display_delete_round_trip_and_validation()
    {
        if (Skip(nameof(Secret_create_display_delete_round_trip_and_validation))) return;
        var created = await BodyworkAsync("secret", "create", "--ns", "ml", "--name", "cli-secret", "--data", "USERNAME=alex", "PASSWORD=a=b=c");
        Assert.Equal(0, created.ExitCode);
        Assert.Equal(["secret=cli-secret created in namespace=ml"], created.Lines);
        var stored = await _fake.KubectlOkAsync("get", "secret", "cli-secret", "-n", "ml", "-o", "jsonpath={.data.PASSWORD}");
        Assert.Equal("a=b=c", Encoding.UTF8.GetString(Convert.FromBase64String(stored)));

        var display = await BodyworkAsync("secret", "display", "--namespace", "ml", "--name", "cli-secret");
        Assert.Equal(["-- cli-secret:", "-> PASSWORD", "-> USERNAME"], display.Lines);
        var json = await BodyworkAsync("secret", "display", "--namespace", "ml", "--output", "json");
        using (var doc = JsonDocument.Parse(json.Out))
        {
            Assert.Contains(doc.RootElement.EnumerateArray(), s => s.GetProperty("name").GetString() == "cli-secret");
        }

        var again = await BodyworkAsync("secret", "create", "--namespace", "ml", "--name", "cli-secret", "--data", "X=1");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("secret=cli-secret already exists in namespace=ml", again.Error, StringComparison.Ordinal);

        var deleted = await BodyworkAsync("secret", "delete", "--namespace", "ml", "--name", "cli-secret");
        Assert.Equal(["secret=cli-secret deleted from namespace=ml"], deleted.Lines);
        Assert.NotEqual(0, (await _fake.KubectlAsync("get", "secret", "cli-secret", "-n", "ml")).ExitCode);
        var missing = await BodyworkAsync("secret", "delete", "--namespace", "ml", "--name", "cli-secret");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("secret=cli-secret could not be found in namespace=ml", missing.Error, StringComparison.Ordinal);

        Assert.Equal((1, "please specify a name for the secret you want to create\n"), Short(await BodyworkAsync("secret", "create", "--data", "A=1")));
        Assert.Equal((1, "please specify keys and values for the secret you want to create\n"), Short(await BodyworkAsync("secret", "create", "--name", "s")));
        foreach (var bad in new[] { "KEY1value1", "=value1", "KEY1=" })
        {
            Assert.Equal((1, "could not parse secret data - example format: --data USERNAME=alex PASSWORD=alex123\n"),
                Short(await BodyworkAsync("secret", "create", "--name", "s", "--data", bad)));
        }
    }

    [Fact]
    public async Task Service_display_and_delete_read_back_with_kubectl()
    {
        if (Skip(nameof(Service_display_and_delete_read_back_with_kubectl))) return;
        var manifest = Path.Combine(_fake.Directory, "service.yaml");
        await File.WriteAllTextAsync(manifest, """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: iris--serve
              namespace: ml
              labels: {app.kubernetes.io/managed-by: bodywork, bodywork.ml/project: iris, bodywork.ml/stage: serve}
              annotations: {bodywork.ml/git-url: "https://github.com/example/iris", bodywork.ml/git-branch: main}
            spec:
              replicas: 1
              selector:
                matchLabels: {bodywork.ml/project: iris, bodywork.ml/stage: serve}
              template:
                metadata:
                  labels: {app.kubernetes.io/managed-by: bodywork, bodywork.ml/project: iris, bodywork.ml/stage: serve}
                spec:
                  containers:
                  - name: stage
                    image: python:3.12
                    command: ["sleep", "600"]
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: iris--serve
              namespace: ml
              labels: {app.kubernetes.io/managed-by: bodywork, bodywork.ml/project: iris, bodywork.ml/stage: serve}
            spec:
              selector: {bodywork.ml/project: iris, bodywork.ml/stage: serve}
              ports:
              - port: 5000
                targetPort: 5000
            """);
        await _fake.KubectlOkAsync("apply", "-f", manifest);

        var display = await BodyworkAsync("service", "display", "--namespace", "ml");
        Assert.Equal(0, display.ExitCode);
        Assert.StartsWith("SERVICE_URL" + new string(' ', 39) + "EXPOSED   AVAILABLE_REPLICAS", display.Lines[0], StringComparison.Ordinal);
        var row = Assert.Single(display.Lines.Skip(1));
        Assert.StartsWith("http://iris--serve.ml.svc.cluster.local:5000      true      ", row, StringComparison.Ordinal);
        Assert.Contains("https://github.com/example/iris", row, StringComparison.Ordinal);
        Assert.EndsWith("main".PadRight(20), row, StringComparison.Ordinal);

        Assert.Equal((1, "please specify --name for the service\n"), Short(await BodyworkAsync("service", "delete", "--namespace", "ml")));
        var deleted = await BodyworkAsync("service", "delete", "--namespace", "ml", "--name", "iris--serve");
        Assert.Equal(["deployment=iris--serve deleted from namespace=ml", "service at http://iris--serve deleted from namespace=ml"], deleted.Lines);
        Assert.DoesNotContain("iris--serve", await _fake.KubectlOkAsync("get", "deployments,services", "-n", "ml", "-o", "name"), StringComparison.Ordinal);
        var again = await BodyworkAsync("service", "delete", "--namespace", "ml", "--name", "iris--serve");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("deployment=iris--serve not found in namespace=ml", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cronjob_create_display_history_logs_delete_round_trip()
    {
        if (Skip(nameof(Cronjob_create_display_history_logs_delete_round_trip))) return;
        var notReady = await BodyworkAsync("cronjob", "create", "--namespace", "ml", "--name", "nightly", "--schedule", "0 2 * * *",
            "--git-repo-url", "https://github.com/example/iris");
        Assert.Equal(1, notReady.ExitCode);
        Assert.Contains("namespace=ml is not setup for use by Bodywork", notReady.Error, StringComparison.Ordinal);

        Assert.Equal(0, (await BodyworkAsync("setup-namespace", "cron-ns")).ExitCode);
        var created = await BodyworkAsync("cronjob", "create", "--ns", "cron-ns", "--name", "nightly", "--schedule", "0 2 * * *",
            "--git-repo-url", "https://github.com/example/iris", "--git-repo-branch", "main", "--retries", "1");
        Assert.Equal(["cronjob=nightly created in namespace=cron-ns"], created.Lines);
        Assert.Equal("workflow --namespace cron-ns https://github.com/example/iris main",
            await _fake.KubectlOkAsync("get", "cronjob", "nightly", "-n", "cron-ns", "-o", "jsonpath={.spec.jobTemplate.spec.template.spec.containers[0].args[*]}"));
        Assert.Equal("0 2 * * *", await _fake.KubectlOkAsync("get", "cronjob", "nightly", "-n", "cron-ns", "-o", "jsonpath={.spec.schedule}"));

        var bad = await BodyworkAsync("cronjob", "create", "--ns", "cron-ns", "--name", "bad", "--schedule", "0 2 * *", "--git-repo-url", "u");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("schedule=0 2 * * is not a valid cron schedule", bad.Error, StringComparison.Ordinal);
        Assert.Equal((1, "please specify --name for the cronjob\n"), Short(await BodyworkAsync("cronjob", "history", "--ns", "cron-ns")));
        Assert.Equal((1, "please specify schedule for the cronjob you want to create\n"), Short(await BodyworkAsync("cronjob", "create", "--name", "x")));

        var display = await BodyworkAsync("cronjob", "display", "--ns", "cron-ns");
        Assert.Equal("cronjobs in namespace=cron-ns:", display.Lines[0]);
        Assert.StartsWith("NAME" + new string(' ', 36) + "SCHEDULE", display.Lines[1], StringComparison.Ordinal);
        Assert.StartsWith("nightly".PadRight(40) + "0 2 * * *".PadRight(30) + "None".PadRight(25) + "https://github.com/example/iris", display.Lines[2], StringComparison.Ordinal);

        // As `kubectl create job --from=cronjob/nightly` would (that sends protobuf, which the fake does not decode).
        var uid = await _fake.KubectlOkAsync("get", "cronjob", "nightly", "-n", "cron-ns", "-o", "jsonpath={.metadata.uid}");
        var job = Path.Combine(_fake.Directory, "run.yaml");
        await File.WriteAllTextAsync(job, $$"""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: nightly-manual
              namespace: cron-ns
              annotations: {cronjob.kubernetes.io/instantiate: manual}
              ownerReferences:
              - {apiVersion: batch/v1, kind: CronJob, name: nightly, uid: "{{uid}}", controller: true}
            spec:
              backoffLimit: 0
              template:
                spec:
                  restartPolicy: Never
                  serviceAccountName: bodywork-workflow-controller
                  containers:
                  - name: bodywork
                    image: ghcr.io/bodywork-ml/bodywork-powershell-controller:test
                    command: ["bodywork"]
                    args: ["workflow", "--namespace", "cron-ns", "https://github.com/example/iris", "main"]
            """);
        await _fake.KubectlOkAsync("apply", "-f", job);
        await _fake.KubectlOkAsync("wait", "--for=condition=complete", "job/nightly-manual", "-n", "cron-ns", "--timeout=90s");
        var history = await BodyworkAsync("cronjob", "history", "--ns", "cron-ns", "--name", "nightly");
        Assert.Equal("recent workflow executions for cronjob=nightly in namespace=cron-ns:", history.Lines[0]);
        var run = history.Lines[2];
        Assert.StartsWith("nightly-manual".PadRight(40), run, StringComparison.Ordinal);
        Assert.EndsWith("0".PadRight(20) + "1".PadRight(20) + "0".PadRight(20), run, StringComparison.Ordinal);

        var logs = await BodyworkAsync("cronjob", "logs", "--ns", "cron-ns", "--name", "nightly-manual");
        Assert.Equal(0, logs.ExitCode);
        var noPod = await BodyworkAsync("cronjob", "logs", "--ns", "cron-ns", "--name", "nothing");
        Assert.Equal(1, noPod.ExitCode);
        Assert.Contains("cannot find pod for workflow-job=nothing", noPod.Error, StringComparison.Ordinal);

        var deleted = await BodyworkAsync("cronjob", "delete", "--ns", "cron-ns", "--name", "nightly");
        Assert.Equal(["cronjob=nightly deleted from namespace=cron-ns"], deleted.Lines);
        Assert.NotEqual(0, (await _fake.KubectlAsync("get", "cronjob", "nightly", "-n", "cron-ns")).ExitCode);
        Assert.Contains("cronjob=nightly not found in namespace=cron-ns", (await BodyworkAsync("cronjob", "delete", "--ns", "cron-ns", "--name", "nightly")).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_cluster_exits_non_zero()
    {
        var kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("ns-gone-").FullName, "config");
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            await File.WriteAllTextAsync(kubeconfig, $"""
                apiVersion: v1
                kind: Config
                clusters: [{"{"}name: gone, cluster: {"{"}server: "http://127.0.0.1:{port}"{"}"}{"}"}]
                users: [{"{"}name: u, user: {"{"}token: t{"}"}{"}"}]
                contexts: [{"{"}name: gone, context: {"{"}cluster: gone, user: u, namespace: ml{"}"}{"}"}]
                current-context: gone
                """);
        }

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(["service", "display", "--kubeconfig", kubeconfig], stdout, stderr, CancellationToken.None);
        Assert.Equal(CliApp.ExitFailure, code);
        Assert.Contains("cannot reach the Kubernetes API server", stderr.ToString(), StringComparison.Ordinal);
    }

    private static (int, string) Short(CliRun run) => (run.ExitCode, run.Out);
}
