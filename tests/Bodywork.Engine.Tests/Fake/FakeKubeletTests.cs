using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using FakeKubernetes;
using Xunit;

namespace Bodywork.Engine.Tests.Fake;

/// <summary>The process kubelet (real local processes) and the pods' log subresource.</summary>
public sealed class FakeKubeletTests : IAsyncLifetime
{
    private FakeApiServer _server = null!;
    private FakeHttp _http = null!;
    private const string Jobs = "apis/batch/v1/namespaces/default/jobs";
    private const string Pods = "api/v1/namespaces/default/pods";

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync(new FakeApiServerOptions { Kubelet = KubeletMode.Process });
        _http = new FakeHttp(_server);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private static string Pod(string name, string command, string extraContainer = "", string env = "[]") => """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME"},"spec":{"restartPolicy":"Never","containers":[
          {"name":"main","image":"python:3.12","command":["sh","-c",COMMAND],"env":ENV}EXTRA]}}
        """.Replace("NAME", name).Replace("COMMAND", System.Text.Json.JsonSerializer.Serialize(command)).Replace("ENV", env).Replace("EXTRA", extraContainer);

    private Task<JsonObject> WaitPodAsync(string name, string phase) =>
        _server.Store.WaitForAsync("v1", "Pod", "default", name, p => (string?)p["status"]?["phase"] == phase, FakeHttp.Timeout);

    [Fact]
    public async Task Job_runs_its_command_with_secret_env_and_serves_the_output_as_log()
    {
        await _http.CreateAsync("api/v1/namespaces/default/secrets", FakeHttp.Secret("creds", "token", "s3cret"));
        var job = FakeHttp.Job("proc", "echo out-$TOKEN; echo err-line >&2; exit 0")
            .Replace("\"command\"", "\"env\":[{\"name\":\"TOKEN\",\"valueFrom\":{\"secretKeyRef\":{\"name\":\"creds\",\"key\":\"token\"}}}],\"command\"");
        await _http.CreateAsync(Jobs, job);
        await _server.Store.WaitForAsync("batch/v1", "Job", "default", "proc", j => FakeHttp.HasCondition(j, "Complete"), FakeHttp.Timeout);
        var pod = Assert.Single(_server.Store.List("v1", "Pod", "default", "job-name=proc"));
        var log = await _http.GetAsync($"{Pods}/{pod["metadata"]!["name"]}/log");
        Assert.Equal(200, log.Code);
        Assert.Contains("out-s3cret\n", log.Text);
        Assert.Contains("err-line\n", log.Text);
    }

    [Fact]
    public async Task Exit_code_decides_the_phase()
    {
        await _http.CreateAsync(Pods, Pod("fails", "exit 7"));
        var pod = await WaitPodAsync("fails", "Failed");
        Assert.Equal(7, (int)pod["status"]!["containerStatuses"]![0]!["state"]!["terminated"]!["exitCode"]!);
    }

    [Fact]
    public async Task Missing_secret_leaves_the_container_waiting_until_it_exists()
    {
        var env = """[{"name":"X","valueFrom":{"secretKeyRef":{"name":"later","key":"k"}}}]""";
        await _http.CreateAsync(Pods, Pod("waits", "echo got-$X", env: env));
        await _server.Store.WaitForAsync("v1", "Pod", "default", "waits",
            p => (string?)p["status"]?["containerStatuses"]?[0]?["state"]?["waiting"]?["reason"] == "CreateContainerConfigError", FakeHttp.Timeout);
        var early = await _http.GetAsync($"{Pods}/waits/log");
        Assert.Equal(400, early.Code);
        Assert.Equal("container \"main\" in pod \"waits\" is waiting to start: CreateContainerConfigError", (string?)early.Body["message"]);
        await _http.CreateAsync("api/v1/namespaces/default/secrets", FakeHttp.Secret("later", "k", "value"));
        await WaitPodAsync("waits", "Succeeded");
        Assert.Equal("got-value\n", (await _http.GetAsync($"{Pods}/waits/log")).Text);
    }

    [Fact]
    public async Task Log_options_tail_timestamps_and_follow()
    {
        await _http.CreateAsync(Pods, Pod("lines", "for i in 1 2 3 4; do echo line$i; done; sleep 1; echo last"));
        // follow streams until the container exits
        await _server.Store.WaitForAsync("v1", "Pod", "default", "lines", p => (string?)p["status"]?["phase"] is "Running" or "Succeeded", FakeHttp.Timeout);
        using var cts = new CancellationTokenSource(FakeHttp.Timeout);
        var followed = await _http.Client.GetStringAsync($"{Pods}/lines/log?follow=true", cts.Token);
        Assert.Equal("line1\nline2\nline3\nline4\nlast\n", followed);
        await WaitPodAsync("lines", "Succeeded");
        Assert.Equal("line4\nlast\n", (await _http.GetAsync($"{Pods}/lines/log?tailLines=2")).Text);
        var stamped = (await _http.GetAsync($"{Pods}/lines/log?timestamps=true&tailLines=1")).Text;
        var space = stamped.IndexOf(' ');
        Assert.True(DateTime.TryParse(stamped[..space], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out _), stamped);
        Assert.Equal("last\n", stamped[(space + 1)..]);
        var future = Uri.EscapeDataString(DateTime.UtcNow.AddMinutes(5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        Assert.Equal("", (await _http.GetAsync($"{Pods}/lines/log?sinceTime={future}")).Text);
    }

    [Fact]
    public async Task Log_errors_are_Status_objects()
    {
        Assert.Equal(404, (await _http.GetAsync($"{Pods}/ghost/log")).Code);
        var sidecar = ",{\"name\":\"side\",\"image\":\"busybox\",\"command\":[\"true\"]}";
        await _http.CreateAsync(Pods, Pod("two", "echo a", sidecar));
        var reply = await _http.GetAsync($"{Pods}/two/log");
        Assert.Equal(400, reply.Code);
        Assert.Equal("a container name must be specified for pod two, choose one of: [main side]", (string?)reply.Body["message"]);
        await WaitPodAsync("two", "Succeeded");
        Assert.Equal("a\n", (await _http.GetAsync($"{Pods}/two/log?container=main")).Text);
        var previous = await _http.GetAsync($"{Pods}/two/log?container=main&previous=true");
        Assert.Equal(400, previous.Code);
        Assert.Contains("previous terminated container \"main\" in pod \"two\" not found", (string?)previous.Body["message"]);
    }

    [Fact]
    public async Task Readiness_probe_is_checked_against_the_process_and_deletion_kills_it()
    {
        var port = FreePort();
        var script = $"import http.server,socketserver\nclass H(http.server.BaseHTTPRequestHandler):\n  def do_GET(self):\n    self.send_response(200); self.end_headers(); self.wfile.write(b'ok')\n  def log_message(self,*a): pass\nprint('serving', flush=True)\nsocketserver.TCPServer(('127.0.0.1',{port}),H).serve_forever()\n";
        var pod = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"srv"},"spec":{"containers":[{"name":"main","image":"python:3.12",
              "command":["python3","-c",SCRIPT],
              "ports":[{"name":"http","containerPort":PORT}],
              "readinessProbe":{"httpGet":{"path":"/","port":"http"},"periodSeconds":1}}]}}
            """.Replace("SCRIPT", System.Text.Json.JsonSerializer.Serialize(script)).Replace("PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await _http.CreateAsync(Pods, pod);
        await _server.Store.WaitForAsync("v1", "Pod", "default", "srv",
            p => p["status"]?["conditions"]?.AsArray().Any(c => (string?)c!["type"] == "Ready" && (string?)c["status"] == "True") == true, FakeHttp.Timeout);
        using (var client = new HttpClient())
            Assert.Equal("ok", await client.GetStringAsync($"http://127.0.0.1:{port}/"));
        Assert.Equal("serving\n", _server.Pods.GetLog("default", "srv"));
        await _http.DeleteAsync($"{Pods}/srv");
        await _server.Store.WaitForDeletionAsync("v1", "Pod", "default", "srv", FakeHttp.Timeout);
        await _server.Store.WaitUntilAsync(_ => !PortOpen(port), FakeHttp.Timeout, "the process to be killed");
    }

    [Fact]
    public async Task Rollout_of_a_port_binding_service_replaces_the_old_process_first()
    {
        var port = FreePort();
        var script = "import http.server,os\nclass H(http.server.BaseHTTPRequestHandler):\n  def do_GET(self):\n    self.send_response(200); self.end_headers(); self.wfile.write(os.environ['V'].encode())\n  def log_message(self,*a): pass\nhttp.server.HTTPServer(('127.0.0.1',PORT),H).serve_forever()\n"
            .Replace("PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        string Deployment(string version) => """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"svc"},"spec":{"selector":{"matchLabels":{"app":"svc"}},
             "template":{"metadata":{"labels":{"app":"svc"}},"spec":{"containers":[{"name":"main","image":"python:3.12",
               "command":["python3","-c",SCRIPT],"env":[{"name":"V","value":"VERSION"}],
               "readinessProbe":{"tcpSocket":{"port":PORT},"periodSeconds":1}}]}}}}
            """.Replace("SCRIPT", System.Text.Json.JsonSerializer.Serialize(script)).Replace("PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("VERSION", version);
        const string Path = "apis/apps/v1/namespaces/default/deployments/svc";
        using var client = new HttpClient();
        foreach (var (version, revision) in new[] { ("one", "1"), ("two", "2") })
        {
            Assert.True((await _http.ApplyAsync(Path, Deployment(version))).Code is 200 or 201);
            await _server.Store.WaitForAsync("apps/v1", "Deployment", "default", "svc",
                d => (string?)d["metadata"]!["annotations"]?["deployment.kubernetes.io/revision"] == revision
                     && (string?)FakeHttp.Condition(d, "Progressing")?["reason"] == "NewReplicaSetAvailable"
                     && (int?)d["status"]?["replicas"] == 1, FakeHttp.Timeout);
            Assert.Equal(version, await client.GetStringAsync($"http://127.0.0.1:{port}/"));
        }
    }

    [Fact]
    public async Task Scripted_logs_and_manual_control_in_process_mode()
    {
        _server.Pods.Script(PodMatch.NamePrefix("manual-"), PodOutcome.Manual());
        await _http.CreateAsync(Pods, Pod("manual-1", "echo never-run"));
        var waiting = await _http.GetAsync($"{Pods}/manual-1/log");
        Assert.Equal("container \"main\" in pod \"manual-1\" is waiting to start: ContainerCreating", (string?)waiting.Body["message"]);
        _server.Pods.Start("default", "manual-1");
        _server.Pods.AppendLog("default", "manual-1", "hello\n");
        _server.Pods.Terminate("default", "manual-1", exitCode: 0);
        await WaitPodAsync("manual-1", "Succeeded");
        Assert.Equal("hello\n", (await _http.GetAsync($"{Pods}/manual-1/log")).Text);
    }

    private static int FreePort() => Support.TestPorts.Free();

    private static bool PortOpen(int port)
    {
        try
        {
            using var c = new TcpClient();
            c.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
