using System.Text.Json.Nodes;
using FakeKubernetes;
using Xunit;

namespace Bodywork.Engine.Tests.Fake;

/// <summary>REST semantics of the fake over raw HTTP: create/get/list/update/patch/apply/delete and their Status errors.</summary>
public sealed class FakeCrudTests : IAsyncLifetime
{
    private FakeApiServer _server = null!;
    private FakeHttp _http = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync(new FakeApiServerOptions { Kubelet = KubeletMode.Manual });
        _http = new FakeHttp(_server);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private const string Jobs = "apis/batch/v1/namespaces/default/jobs";
    private const string Deployments = "apis/apps/v1/namespaces/default/deployments";
    private const string Secrets = "api/v1/namespaces/default/secrets";

    [Fact]
    public async Task Create_sets_server_fields_and_defaults()
    {
        var job = await _http.CreateAsync(Jobs, FakeHttp.Job("train"));
        Assert.False(string.IsNullOrEmpty((string?)job["metadata"]!["uid"]));
        Assert.False(string.IsNullOrEmpty((string?)job["metadata"]!["resourceVersion"]));
        Assert.NotNull(job["metadata"]!["creationTimestamp"]);
        Assert.Equal(1, (int)job["metadata"]!["generation"]!);
        Assert.Equal(6, (int)job["spec"]!["backoffLimit"]!);
        var uid = (string)job["metadata"]!["uid"]!;
        Assert.Equal(uid, (string?)job["spec"]!["selector"]!["matchLabels"]!["batch.kubernetes.io/controller-uid"]);
        Assert.Equal("train", (string?)job["spec"]!["template"]!["metadata"]!["labels"]!["job-name"]);
        var deployment = await _http.CreateAsync(Deployments, FakeHttp.Deployment("web").Replace("\"replicas\":1,", ""));
        Assert.Equal(1, (int)deployment["spec"]!["replicas"]!);
        Assert.Equal(10, (int)deployment["spec"]!["revisionHistoryLimit"]!);
    }

    [Fact]
    public async Task Create_existing_name_is_409_AlreadyExists_with_plural_kind()
    {
        await _http.CreateAsync(Jobs, FakeHttp.Job("dup"));
        var reply = await _http.PostAsync(Jobs, FakeHttp.Job("dup"));
        Assert.Equal(409, reply.Code);
        var status = reply.Body;
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal("v1", (string?)status["apiVersion"]);
        Assert.Equal("Failure", (string?)status["status"]);
        Assert.Equal("AlreadyExists", (string?)status["reason"]);
        Assert.Equal("jobs.batch \"dup\" already exists", (string?)status["message"]);
        Assert.Equal("jobs", (string?)status["details"]!["kind"]);
        Assert.Equal("batch", (string?)status["details"]!["group"]);
        Assert.Equal("dup", (string?)status["details"]!["name"]);
        Assert.Equal(409, (int)status["code"]!);
    }

    [Fact]
    public async Task GenerateName_appends_five_characters()
    {
        var secret = await _http.CreateAsync(Secrets, """{"apiVersion":"v1","kind":"Secret","metadata":{"generateName":"creds-"},"data":{"a":"YQ=="}}""");
        var name = (string)secret["metadata"]!["name"]!;
        Assert.StartsWith("creds-", name);
        Assert.Equal("creds-".Length + 5, name.Length);
    }

    [Fact]
    public async Task Namespace_missing_is_404_and_mismatch_is_400()
    {
        var missing = await _http.PostAsync("apis/batch/v1/namespaces/nowhere/jobs", FakeHttp.Job("x"));
        Assert.Equal(404, missing.Code);
        Assert.Equal("namespaces \"nowhere\" not found", (string?)missing.Body["message"]);
        var mismatch = await _http.PostAsync(Jobs, FakeHttp.Job("x").Replace("\"name\":\"x\"", "\"name\":\"x\",\"namespace\":\"other\""));
        Assert.Equal(400, mismatch.Code);
        Assert.Equal("BadRequest", (string?)mismatch.Body["reason"]);
        Assert.Contains("does not match the namespace", (string?)mismatch.Body["message"]);
    }

    [Fact]
    public async Task Get_missing_is_404_NotFound()
    {
        var reply = await _http.GetAsync(Jobs + "/nope");
        Assert.Equal(404, reply.Code);
        Assert.Equal("NotFound", (string?)reply.Body["reason"]);
        Assert.Equal("jobs.batch \"nope\" not found", (string?)reply.Body["message"]);
    }

    [Fact]
    public async Task List_pages_with_limit_and_continue_and_items_have_no_kind()
    {
        for (var i = 0; i < 5; i++) await _http.CreateAsync(Secrets, FakeHttp.Secret($"s{i}", "k", "v"));
        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var reply = await _http.GetAsync(Secrets + "?limit=2" + (token is null ? "" : "&continue=" + Uri.EscapeDataString(token)));
            Assert.Equal(200, reply.Code);
            Assert.Equal("SecretList", (string?)reply.Body["kind"]);
            Assert.False(string.IsNullOrEmpty((string?)reply.Body["metadata"]!["resourceVersion"]));
            foreach (var item in reply.Body["items"]!.AsArray())
            {
                Assert.Null(item!["kind"]);
                Assert.Null(item["apiVersion"]);
                names.Add((string)item["metadata"]!["name"]!);
            }
            token = (string?)reply.Body["metadata"]!["continue"];
            pages++;
        } while (token is not null);
        Assert.Equal(3, pages);
        Assert.Equal(["s0", "s1", "s2", "s3", "s4"], names);
    }

    [Fact]
    public async Task Expired_continue_token_is_410()
    {
        for (var i = 0; i < 3; i++) await _http.CreateAsync(Secrets, FakeHttp.Secret($"e{i}", "k", "v"));
        var first = await _http.GetAsync(Secrets + "?limit=1");
        var token = (string)first.Body["metadata"]!["continue"]!;
        _server.Faults.ExpireWatches();
        var reply = await _http.GetAsync(Secrets + "?limit=1&continue=" + Uri.EscapeDataString(token));
        Assert.Equal(410, reply.Code);
        Assert.Equal("Expired", (string?)reply.Body["reason"]);
    }

    [Fact]
    public async Task Label_selectors_support_set_and_existence_operators()
    {
        async Task Make(string name, string labels) =>
            await _http.CreateAsync(Secrets, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"NAME","labels":{LABELS}}}""".Replace("NAME", name).Replace("LABELS", labels));
        await Make("a", "\"tier\":\"web\",\"env\":\"prod\"");
        await Make("b", "\"tier\":\"db\",\"env\":\"prod\"");
        await Make("c", "\"tier\":\"web\"");
        async Task<string[]> Select(string selector)
        {
            var reply = await _http.GetAsync(Secrets + "?labelSelector=" + Uri.EscapeDataString(selector));
            Assert.Equal(200, reply.Code);
            return reply.Body["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!).ToArray();
        }
        Assert.Equal(["a", "c"], await Select("tier=web"));
        Assert.Equal(["a", "c"], await Select("tier==web"));
        Assert.Equal(["b"], await Select("tier!=web"));
        Assert.Equal(["a", "b"], await Select("tier in (web,db),env"));
        Assert.Equal(["b"], await Select("tier notin (web)"));
        Assert.Equal(["c"], await Select("!env"));
        Assert.Equal(["a"], await Select("tier=web,env=prod"));
        var byName = await _http.GetAsync(Secrets + "?fieldSelector=metadata.name%3Db");
        Assert.Single(byName.Body["items"]!.AsArray());
        var bad = await _http.GetAsync(Secrets + "?fieldSelector=spec.nope%3Dx");
        Assert.Equal(400, bad.Code);
        Assert.Equal("field label not supported: spec.nope", (string?)bad.Body["message"]);
    }

    private const string CronJobs = "apis/batch/v1/namespaces/default/cronjobs";
    private const string CronJob = """
        {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"gen"},"spec":{"schedule":"0 3 * * *",
         "jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox"}]}}}}}}
        """;

    [Fact]
    public async Task Put_checks_resourceVersion_and_name_and_bumps_generation_only_on_spec_change()
    {
        var created = await _http.CreateAsync(CronJobs, CronJob);
        var rv = (string)created["metadata"]!["resourceVersion"]!;
        var changed = created.DeepClone().AsObject();
        changed["metadata"]!["labels"] = new JsonObject { ["x"] = "y" };
        var labelOnly = await _http.PutAsync(CronJobs + "/gen", changed.ToJsonString());
        Assert.Equal(200, labelOnly.Code);
        Assert.Equal(1, (int)labelOnly.Body["metadata"]!["generation"]!);
        Assert.NotEqual(rv, (string?)labelOnly.Body["metadata"]!["resourceVersion"]);

        var stale = await _http.PutAsync(CronJobs + "/gen", created.ToJsonString());
        Assert.Equal(409, stale.Code);
        Assert.Equal("Conflict", (string?)stale.Body["reason"]);
        Assert.Equal("Operation cannot be fulfilled on cronjobs.batch \"gen\": the object has been modified; please apply your changes to the latest version and try again",
            (string?)stale.Body["message"]);

        var spec = labelOnly.Body.DeepClone().AsObject();
        spec["metadata"]!.AsObject().Remove("resourceVersion");
        spec["spec"]!["suspend"] = true;
        var unconditional = await _http.PutAsync(CronJobs + "/gen", spec.ToJsonString());
        Assert.Equal(200, unconditional.Code);
        Assert.Equal(2, (int)unconditional.Body["metadata"]!["generation"]!);

        var wrongName = await _http.PutAsync(CronJobs + "/other", spec.ToJsonString());
        Assert.Equal(400, wrongName.Code);
        Assert.Contains("does not match the name on the URL", (string?)wrongName.Body["message"]);
    }

    [Fact]
    public async Task Status_writes_do_not_bump_generation()
    {
        await _http.CreateAsync(Deployments, FakeHttp.Deployment("st"));
        var patched = await _http.PatchAsync(Deployments + "/st/status", """{"status":{"observedGeneration":1,"replicas":7}}""", "application/merge-patch+json");
        Assert.Equal(200, patched.Code);
        Assert.Equal(1, (int)patched.Body["metadata"]!["generation"]!);
    }

    [Fact]
    public async Task Json_merge_and_strategic_patches()
    {
        await _http.CreateAsync(Deployments, FakeHttp.Deployment("p").Replace("\"image\":\"nginx:1.25\"", "\"image\":\"nginx:1.25\",\"env\":[{\"name\":\"A\",\"value\":\"1\"}]"));
        var failedTest = await _http.PatchAsync(Deployments + "/p", """[{"op":"test","path":"/spec/replicas","value":5}]""", "application/json-patch+json");
        Assert.Equal(422, failedTest.Code);
        var json = await _http.PatchAsync(Deployments + "/p", """[{"op":"test","path":"/spec/replicas","value":1},{"op":"replace","path":"/spec/replicas","value":2}]""", "application/json-patch+json");
        Assert.Equal(2, (int)json.Body["spec"]!["replicas"]!);

        var merge = await _http.PatchAsync(Deployments + "/p", """{"metadata":{"labels":{"a":"b"}}}""", "application/merge-patch+json");
        Assert.Equal("b", (string?)merge.Body["metadata"]!["labels"]!["a"]);
        var delete = await _http.PatchAsync(Deployments + "/p", """{"metadata":{"labels":{"a":null}}}""", "application/merge-patch+json");
        Assert.Null(delete.Body["metadata"]!["labels"]?["a"]);

        var strategic = await _http.PatchAsync(Deployments + "/p",
            """{"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"B","value":"2"}]}]}}}}""", "application/strategic-merge-patch+json");
        var container = strategic.Body["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("nginx:1.25", (string?)container["image"]);
        Assert.Equal(["A", "B"], container["env"]!.AsArray().Select(e => (string)e!["name"]!).ToArray());

        var unsupported = await _http.PatchAsync(Deployments + "/p", "{}", "application/xml");
        Assert.Equal(415, unsupported.Code);
        var missing = await _http.PatchAsync(Deployments + "/none", "{}", "application/merge-patch+json");
        Assert.Equal(404, missing.Code);
    }

    [Fact]
    public async Task Server_side_apply_creates_requires_manager_detects_conflicts_and_force_wins()
    {
        var body = FakeHttp.Deployment("ssa", replicas: 2);
        var noManager = await _http.PatchAsync(Deployments + "/ssa", body, "application/apply-patch+yaml");
        Assert.Equal(422, noManager.Code);
        Assert.Contains("fieldManager: Required value", (string?)noManager.Body["message"]);

        var created = await _http.ApplyAsync(Deployments + "/ssa", body, "alice");
        Assert.Equal(201, created.Code);
        Assert.Equal(2, (int)created.Body["spec"]!["replicas"]!);
        var again = await _http.ApplyAsync(Deployments + "/ssa", body, "alice");
        Assert.Equal(200, again.Code);
        // An unchanged apply writes nothing (Secret: no controller touches it in between).
        var secret = """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"same"},"stringData":{"k":"v"}}""";
        var first = await _http.ApplyAsync(Secrets + "/same", secret, "alice");
        var second = await _http.ApplyAsync(Secrets + "/same", secret, "alice");
        Assert.Equal((string?)first.Body["metadata"]!["resourceVersion"], (string?)second.Body["metadata"]!["resourceVersion"]);

        var conflict = await _http.ApplyAsync(Deployments + "/ssa", FakeHttp.Deployment("ssa", replicas: 5), "bob");
        Assert.Equal(409, conflict.Code);
        Assert.Equal("Conflict", (string?)conflict.Body["reason"]);
        var cause = conflict.Body["details"]!["causes"]![0]!;
        Assert.Equal("FieldManagerConflict", (string?)cause["reason"]);
        Assert.Equal(".spec.replicas", (string?)cause["field"]);
        Assert.Equal("conflict with \"alice\" using apps/v1", (string?)cause["message"]);

        var forced = await _http.ApplyAsync(Deployments + "/ssa", FakeHttp.Deployment("ssa", replicas: 5), "bob", force: true);
        Assert.Equal(200, forced.Code);
        Assert.Equal(5, (int)forced.Body["spec"]!["replicas"]!);

        // YAML bodies are accepted too.
        var yaml = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: from-yaml\nstringData:\n  k: v\n";
        var fromYaml = await _http.ApplyAsync(Secrets + "/from-yaml", yaml, "alice");
        Assert.Equal(201, fromYaml.Code);
        Assert.Equal("dg==", (string?)fromYaml.Body["data"]!["k"]);
    }

    [Fact]
    public async Task Reapplying_an_unchanged_job_keeps_server_defaults_and_is_accepted()
    {
        var job = FakeHttp.Job("again");
        var first = await _http.ApplyAsync(Jobs + "/again?fieldValidation=Strict", job, "bodywork", force: true);
        Assert.Equal(201, first.Code);
        for (var i = 0; i < 2; i++)
        {
            var reply = await _http.ApplyAsync(Jobs + "/again?fieldValidation=Strict", job, "bodywork", force: true);
            Assert.True(reply.Code == 200, reply.Text);
            Assert.Equal(1, (int)reply.Body["spec"]!["completions"]!);
            Assert.Equal("again", (string?)reply.Body["spec"]!["template"]!["metadata"]!["labels"]!["batch.kubernetes.io/job-name"]);
        }
    }

    [Fact]
    public async Task Apply_removes_fields_the_manager_no_longer_sets()
    {
        await _http.ApplyAsync(Secrets + "/drop", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"drop","labels":{"a":"1","b":"2"}}}""");
        var after = await _http.ApplyAsync(Secrets + "/drop", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"drop","labels":{"a":"1"}}}""");
        Assert.Equal(200, after.Code);
        Assert.Null(after.Body["metadata"]!["labels"]!["b"]);
        Assert.Equal("1", (string?)after.Body["metadata"]!["labels"]!["a"]);
    }

    [Fact]
    public async Task Dry_run_validates_but_changes_nothing()
    {
        var rv = _server.Store.ResourceVersion;
        var reply = await _http.PostAsync(Jobs + "?dryRun=All", FakeHttp.Job("dry"));
        Assert.Equal(201, reply.Code);
        Assert.Null(_server.Store.Get("batch/v1", "Job", "default", "dry"));
        Assert.Equal(rv, _server.Store.ResourceVersion);
        var invalid = await _http.PostAsync(Jobs + "?dryRun=All", FakeHttp.Job("Bad_Name"));
        Assert.Equal(422, invalid.Code);
    }

    [Fact]
    public async Task Deleting_a_job_without_policy_orphans_pods_with_a_warning()
    {
        await _http.CreateAsync(Jobs, FakeHttp.Job("orphan"));
        await _server.Store.WaitUntilAsync(s => s.List("v1", "Pod", "default", "job-name=orphan").Count == 1, FakeHttp.Timeout, "job pod");
        var reply = await _http.DeleteAsync(Jobs + "/orphan");
        Assert.Equal(200, reply.Code);
        Assert.Contains(reply.Warnings, w => w.Contains("child pods are preserved by default", StringComparison.Ordinal));
        await _server.Store.WaitForDeletionAsync("batch/v1", "Job", "default", "orphan", FakeHttp.Timeout);
        var pod = Assert.Single(_server.Store.List("v1", "Pod", "default", "job-name=orphan"));
        Assert.Null(pod["metadata"]!["ownerReferences"]);
    }

    [Fact]
    public async Task Background_delete_cascades_and_returns_a_success_Status()
    {
        await _http.CreateAsync(Jobs, FakeHttp.Job("bg"));
        await _server.Store.WaitUntilAsync(s => s.List("v1", "Pod", "default", "job-name=bg").Count == 1, FakeHttp.Timeout, "job pod");
        var reply = await _http.DeleteAsync(Jobs + "/bg?propagationPolicy=Background");
        Assert.Equal(200, reply.Code);
        Assert.Equal("Status", (string?)reply.Body["kind"]);
        Assert.Equal("Success", (string?)reply.Body["status"]);
        await _server.Store.WaitUntilAsync(s => s.List("v1", "Pod", "default", "job-name=bg").Count == 0, FakeHttp.Timeout, "pods to be collected");
        Assert.Equal(404, (await _http.GetAsync(Jobs + "/bg")).Code);
    }

    [Fact]
    public async Task Foreground_delete_keeps_the_owner_until_dependents_are_gone()
    {
        await _http.CreateAsync(Jobs, FakeHttp.Job("fg"));
        await _server.Store.WaitUntilAsync(s => s.List("v1", "Pod", "default", "job-name=fg").Count == 1, FakeHttp.Timeout, "job pod");
        var reply = await _http.DeleteAsync(Jobs + "/fg", """{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Foreground"}""");
        Assert.Equal(200, reply.Code);
        Assert.Equal("Job", (string?)reply.Body["kind"]);
        Assert.NotNull(reply.Body["metadata"]!["deletionTimestamp"]);
        Assert.Contains("foregroundDeletion", reply.Body["metadata"]!["finalizers"]!.AsArray().Select(f => (string?)f));
        await _server.Store.WaitForDeletionAsync("batch/v1", "Job", "default", "fg", FakeHttp.Timeout);
        Assert.Empty(_server.Store.List("v1", "Pod", "default", "job-name=fg"));
    }

    [Fact]
    public async Task Namespace_delete_terminates_then_removes_and_forbids_new_content()
    {
        await _http.CreateAsync("api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"doomed"}}""");
        await _http.CreateAsync("api/v1/namespaces/doomed/secrets", FakeHttp.Secret("s", "k", "v"));
        _server.Store.Update("v1", "Secret", "doomed", "s", s => s["metadata"]!["finalizers"] = new JsonArray("test/hold"));
        var reply = await _http.DeleteAsync("api/v1/namespaces/doomed");
        Assert.Equal(200, reply.Code);
        Assert.Equal("Terminating", (string?)reply.Body["status"]!["phase"]);
        var forbidden = await _http.PostAsync("api/v1/namespaces/doomed/secrets", FakeHttp.Secret("t", "k", "v"));
        Assert.Equal(403, forbidden.Code);
        Assert.Equal("NamespaceTerminating", (string?)forbidden.Body["details"]!["causes"]![0]!["reason"]);
        var recreate = await _http.PostAsync("api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"doomed"}}""");
        Assert.Equal(409, recreate.Code);
        _server.Store.Update("v1", "Secret", "doomed", "s", s => s["metadata"]!.AsObject().Remove("finalizers"));
        await _server.Store.WaitForDeletionAsync("v1", "Namespace", null, "doomed", FakeHttp.Timeout);
    }

    [Fact]
    public async Task Discovery_and_version_documents()
    {
        var version = await _http.GetAsync("version");
        Assert.StartsWith("v1.", (string?)version.Body["gitVersion"]);
        var api = await _http.GetAsync("api/v1");
        Assert.Contains(api.Body["resources"]!.AsArray(), r => (string?)r!["name"] == "pods/log");
        var groups = await _http.GetAsync("apis");
        Assert.Equal(["apps", "batch", "rbac.authorization.k8s.io"],
            groups.Body["groups"]!.AsArray().Select(g => (string)g!["name"]!).Order().ToArray());
        var batch = await _http.GetAsync("apis/batch/v1");
        Assert.Contains(batch.Body["resources"]!.AsArray(), r => (string?)r!["name"] == "cronjobs" && (bool)r["namespaced"]!);
        var openapi = await _http.GetAsync("openapi/v3/apis/batch/v1");
        Assert.Equal(200, openapi.Code);
        Assert.NotNull(openapi.Body["components"]!["schemas"]!["io.k8s.api.batch.v1.Job"]);
        var unknown = await _http.GetAsync("apis/nope/v1/things");
        Assert.Equal(404, unknown.Code);
    }

    [Fact]
    public async Task Rbac_bindings_are_served_and_roleRef_is_immutable()
    {
        const string Path = "apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings";
        var binding = """{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"rb"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"r1"},"subjects":[{"kind":"ServiceAccount","name":"sa","namespace":"default"}]}""";
        await _http.CreateAsync(Path, binding);
        var changed = await _http.PutAsync(Path + "/rb", binding.Replace("\"r1\"", "\"r2\""));
        Assert.Equal(422, changed.Code);
        Assert.Contains("cannot change roleRef", (string?)changed.Body["message"]);
        var cluster = await _http.PostAsync("apis/rbac.authorization.k8s.io/v1/clusterroles",
            """{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"system:bodywork"},"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]}""");
        Assert.Equal(201, cluster.Code);
    }

    [Fact]
    public async Task Counters_count_requests_by_verb_and_resource()
    {
        _server.Counters.Reset();
        await _http.CreateAsync(Secrets, FakeHttp.Secret("c1", "k", "v"));
        await _http.GetAsync(Secrets + "/c1");
        await _http.GetAsync(Secrets);
        await _http.ApplyAsync(Secrets + "/c1", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"c1"}}""");
        Assert.Equal(1, _server.Counters.Count("create", "secrets"));
        Assert.Equal(1, _server.Counters.Count("get", "secrets"));
        Assert.Equal(1, _server.Counters.Count("list", "secrets"));
        Assert.Equal(1, _server.Counters.Count("apply"));
        Assert.Equal(2, _server.Counters.Writes);
        Assert.Equal(4, _server.Counters.Total);
        _server.Counters.Reset();
        Assert.Equal(0, _server.Counters.Total);
    }
}
