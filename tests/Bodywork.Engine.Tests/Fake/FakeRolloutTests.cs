using System.Text.Json.Nodes;
using FakeKubernetes;
using Xunit;

namespace Bodywork.Engine.Tests.Fake;

/// <summary>Rollout details a client's rollout status/undo relies on, plus serving under a path prefix.</summary>
public sealed class FakeRolloutTests : IAsyncLifetime
{
    private FakeApiServer _server = null!;
    private FakeHttp _http = null!;
    private const string Deployments = "apis/apps/v1/namespaces/default/deployments";

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync(new FakeApiServerOptions { PathPrefix = "/k8s/clusters/c-1" });
        _http = new FakeHttp(_server);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Serves_under_the_path_prefix_only()
    {
        Assert.EndsWith("/k8s/clusters/c-1", _server.Url);
        Assert.Equal(200, (await _http.GetAsync("api/v1/namespaces")).Code);
        using var root = new HttpClient { BaseAddress = new Uri(new Uri(_server.Url).GetLeftPart(UriPartial.Authority)) };
        var response = await root.GetAsync("/api/v1/namespaces");
        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task Rollout_undo_json_patch_adopts_the_old_replicaset()
    {
        await _http.ApplyAsync(Deployments + "/app", FakeHttp.Deployment("app", "img:1"));
        await _server.Store.WaitForAsync("apps/v1", "Deployment", "default", "app", d => (string?)FakeHttp.Condition(d, "Progressing")?["reason"] == "NewReplicaSetAvailable", FakeHttp.Timeout);
        await _http.ApplyAsync(Deployments + "/app", FakeHttp.Deployment("app", "img:2"));
        await _server.Store.WaitForAsync("apps/v1", "Deployment", "default", "app",
            d => (string?)d["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"] == "2" && (string?)FakeHttp.Condition(d, "Progressing")?["reason"] == "NewReplicaSetAvailable", FakeHttp.Timeout);

        // What kubectl rollout undo sends: the revision-1 template without pod-template-hash, plus the annotations.
        var rs1 = _server.Store.List("apps/v1", "ReplicaSet", "default").Single(r => (string?)r["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"] == "1");
        var template = rs1["spec"]!["template"]!.DeepClone().AsObject();
        template["metadata"]!["labels"]!.AsObject().Remove("pod-template-hash");
        var deployment = _server.Store.Get("apps/v1", "Deployment", "default", "app")!;
        var patch = new JsonArray(
            new JsonObject { ["op"] = "replace", ["path"] = "/spec/template", ["value"] = template },
            new JsonObject { ["op"] = "replace", ["path"] = "/metadata/annotations", ["value"] = deployment["metadata"]!["annotations"]!.DeepClone() });
        var reply = await _http.PatchAsync(Deployments + "/app", patch.ToJsonString(), "application/json-patch+json");
        Assert.Equal(200, reply.Code);
        var adopted = await _server.Store.WaitForAsync("apps/v1", "ReplicaSet", "default", (string)rs1["metadata"]!["name"]!,
            r => (string?)r["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"] == "3", FakeHttp.Timeout);
        Assert.Equal("1", (string?)adopted["metadata"]!["annotations"]!["deployment.kubernetes.io/revision-history"]);
        Assert.Equal(2, _server.Store.List("apps/v1", "ReplicaSet", "default").Count);
        await _server.Store.WaitForAsync("apps/v1", "Deployment", "default", "app",
            d => (string?)d["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"] == "3" && (string?)FakeHttp.Condition(d, "Progressing")?["reason"] == "NewReplicaSetAvailable", FakeHttp.Timeout);
    }

    [Fact]
    public async Task Paused_deployment_reports_DeploymentPaused_and_does_not_roll()
    {
        await _http.ApplyAsync(Deployments + "/p", FakeHttp.Deployment("p", "img:1"));
        await _server.Store.WaitForAsync("apps/v1", "Deployment", "default", "p", d => (string?)FakeHttp.Condition(d, "Progressing")?["reason"] == "NewReplicaSetAvailable", FakeHttp.Timeout);
        await _http.PatchAsync(Deployments + "/p", """{"spec":{"paused":true}}""", "application/merge-patch+json");
        await _http.ApplyAsync(Deployments + "/p", FakeHttp.Deployment("p", "img:2"));
        var d = await _server.Store.WaitForAsync("apps/v1", "Deployment", "default", "p", x => (string?)FakeHttp.Condition(x, "Progressing")?["reason"] == "DeploymentPaused", FakeHttp.Timeout);
        Assert.Equal("Unknown", (string?)FakeHttp.Condition(d, "Progressing")!["status"]);
        Assert.Single(_server.Store.List("apps/v1", "ReplicaSet", "default"));
    }

    [Fact]
    public async Task Scale_subresource_reads_and_writes_replicas()
    {
        await _http.ApplyAsync(Deployments + "/s", FakeHttp.Deployment("s"));
        var scale = await _http.GetAsync(Deployments + "/s/scale");
        Assert.Equal("Scale", (string?)scale.Body["kind"]);
        Assert.Equal(1, (int)scale.Body["spec"]!["replicas"]!);
        var patched = await _http.PatchAsync(Deployments + "/s/scale", """{"spec":{"replicas":3}}""", "application/merge-patch+json");
        Assert.Equal(3, (int)patched.Body["spec"]!["replicas"]!);
        await _server.Store.WaitUntilAsync(s => s.List("v1", "Pod", "default", "app=s").Count == 3, FakeHttp.Timeout, "three pods");
    }

    [Fact]
    public async Task Token_request_issues_a_usable_service_account_token()
    {
        await _http.CreateAsync("api/v1/namespaces/default/serviceaccounts", """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"runner"}}""");
        var reply = await _http.PostAsync("api/v1/namespaces/default/serviceaccounts/runner/token",
            """{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{"expirationSeconds":600}}""");
        Assert.Equal(201, reply.Code);
        var token = (string)reply.Body["status"]!["token"]!;
        _http.Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(200, (await _http.GetAsync("api/v1/namespaces")).Code);
        Assert.Equal("system:serviceaccount:default:runner", _server.Requests[^1].User);
    }
}
