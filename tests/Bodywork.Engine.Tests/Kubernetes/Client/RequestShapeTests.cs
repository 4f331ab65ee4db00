using System.Text.Json;
using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Models;
using Xunit;

namespace Bodywork.Engine.Tests.Kubernetes.Client;

public class RequestShapeTests
{
    private static Job MinimalJob(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "x" } },
        Spec = new JobSpec
        {
            Template = new PodTemplateSpec
            {
                Spec = new PodSpec { RestartPolicy = "Never", Containers = [new Container { Name = "main", Image = "python:3.12" }] },
            },
        },
    };

    [Fact]
    public async Task Apply_is_a_server_side_apply_patch_with_field_manager_force_and_strict_validation()
    {
        var handler = new StubHandler((r, _) => StubHandler.Json(200, JsonSerializer.Serialize(MinimalJob("train"), KubernetesJsonContext.Default.Job)));
        using var connection = handler.Connect();

        var applied = await connection.Api.Jobs.ApplyAsync("ml", MinimalJob("train"));

        var request = Assert.Single(handler.RequestList);
        Assert.Equal(HttpMethod.Patch, request.Method);
        Assert.Equal("/apis/batch/v1/namespaces/ml/jobs/train", request.Path);
        Assert.Equal("application/apply-patch+yaml", request.ContentType);
        Assert.Equal("bodywork", request.Query("fieldManager"));
        Assert.Equal("true", request.Query("force"));
        Assert.Equal("Strict", request.Query("fieldValidation"));
        Assert.Null(request.Query("dryRun"));
        using var body = JsonDocument.Parse(request.Body!);
        Assert.Equal("batch/v1", body.RootElement.GetProperty("apiVersion").GetString());
        Assert.Equal("Job", body.RootElement.GetProperty("kind").GetString());
        Assert.DoesNotContain("null", request.Body, StringComparison.Ordinal);
        Assert.False(body.RootElement.TryGetProperty("status", out _));
        Assert.Equal("train", applied.Metadata.Name);
    }

    [Fact]
    public async Task Apply_dry_run_sends_dryRun_All()
    {
        var handler = new StubHandler((r, _) => StubHandler.Json(200, """{"metadata":{"name":"svc"}}"""));
        using var connection = handler.Connect();

        await connection.Api.Services.ApplyAsync("ml", new Service { Metadata = new ObjectMeta { Name = "svc" } }, new WriteOptions { DryRun = true });

        Assert.Equal("All", Assert.Single(handler.RequestList).Query("dryRun"));
    }

    [Fact]
    public async Task Create_posts_to_the_collection_with_strict_validation()
    {
        var handler = new StubHandler((r, _) => StubHandler.Json(201, """{"metadata":{"name":"a","uid":"u1"}}"""));
        using var connection = handler.Connect();

        var created = await connection.Api.Secrets.CreateAsync("ml", new Secret { Metadata = new ObjectMeta { Name = "a" } });

        var request = Assert.Single(handler.RequestList);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/api/v1/namespaces/ml/secrets", request.Path);
        Assert.Equal("Strict", request.Query("fieldValidation"));
        Assert.Equal("u1", created.Metadata.Uid);
    }

    [Theory]
    [InlineData(PropagationPolicy.Background, "Background")]
    [InlineData(PropagationPolicy.Foreground, "Foreground")]
    [InlineData(PropagationPolicy.Orphan, "Orphan")]
    public async Task Delete_always_sends_the_propagation_policy(PropagationPolicy policy, string expected)
    {
        var handler = new StubHandler((r, _) => StubHandler.Json(200, """{"kind":"Status","apiVersion":"v1","status":"Success"}"""));
        using var connection = handler.Connect();

        var deleted = await connection.Api.Jobs.DeleteAsync("ml", "train", new DeleteOptions { PropagationPolicy = policy });

        Assert.True(deleted);
        var request = Assert.Single(handler.RequestList);
        Assert.Equal(HttpMethod.Delete, request.Method);
        Assert.Equal("/apis/batch/v1/namespaces/ml/jobs/train", request.Path);
        Assert.Equal(expected, request.Query("propagationPolicy"));
    }

    [Fact]
    public async Task Get_and_delete_of_a_missing_object_return_null_and_false()
    {
        var handler = new StubHandler((r, _) => StubHandler.Json(404, StubHandler.Status(404, "NotFound", "jobs.batch \"x\" not found")));
        using var connection = handler.Connect();

        Assert.Null(await connection.Api.Jobs.GetAsync("ml", "x"));
        Assert.False(await connection.Api.Jobs.DeleteAsync("ml", "x"));
        Assert.Equal(2, handler.Requests.Count); // 404 is an answer, not a reason to retry.
    }

    [Theory]
    [InlineData("namespaces", "/api/v1/namespaces/n1")]
    [InlineData("clusterroles", "/apis/rbac.authorization.k8s.io/v1/clusterroles/n1")]
    [InlineData("clusterrolebindings", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/n1")]
    [InlineData("serviceaccounts", "/api/v1/namespaces/ml/serviceaccounts/n1")]
    [InlineData("roles", "/apis/rbac.authorization.k8s.io/v1/namespaces/ml/roles/n1")]
    [InlineData("rolebindings", "/apis/rbac.authorization.k8s.io/v1/namespaces/ml/rolebindings/n1")]
    [InlineData("deployments", "/apis/apps/v1/namespaces/ml/deployments/n1")]
    [InlineData("replicasets", "/apis/apps/v1/namespaces/ml/replicasets/n1")]
    [InlineData("cronjobs", "/apis/batch/v1/namespaces/ml/cronjobs/n1")]
    [InlineData("pods", "/api/v1/namespaces/ml/pods/n1")]
    [InlineData("services", "/api/v1/namespaces/ml/services/n1")]
    public async Task Every_kind_uses_its_group_version_path(string plural, string expectedPath)
    {
        var handler = new StubHandler((r, _) => StubHandler.Json(200, """{"metadata":{"name":"n1"}}"""));
        using var connection = handler.Connect();
        var api = connection.Api;

        object? result = plural switch
        {
            "namespaces" => await api.Namespaces.GetAsync("n1"),
            "clusterroles" => await api.ClusterRoles.GetAsync("n1"),
            "clusterrolebindings" => await api.ClusterRoleBindings.GetAsync("n1"),
            "serviceaccounts" => await api.ServiceAccounts.GetAsync("ml", "n1"),
            "roles" => await api.Roles.GetAsync("ml", "n1"),
            "rolebindings" => await api.RoleBindings.GetAsync("ml", "n1"),
            "deployments" => await api.Deployments.GetAsync("ml", "n1"),
            "replicasets" => await api.ReplicaSets.GetAsync("ml", "n1"),
            "cronjobs" => await api.CronJobs.GetAsync("ml", "n1"),
            "pods" => await api.Pods.GetAsync("ml", "n1"),
            "services" => await api.Services.GetAsync("ml", "n1"),
            _ => null,
        };

        Assert.NotNull(result);
        Assert.Equal(expectedPath, Assert.Single(handler.RequestList).Path);
    }

    [Fact]
    public async Task Server_path_prefix_is_kept()
    {
        var handler = new StubHandler((r, _) => StubHandler.Json(200, """{"metadata":{"name":"p"}}"""));
        using var connection = handler.Connect(server: "https://rancher.example/k8s/clusters/c-abc12");

        await connection.Api.Pods.GetAsync("ml", "p");

        Assert.Equal("/k8s/clusters/c-abc12/api/v1/namespaces/ml/pods/p", Assert.Single(handler.RequestList).Path);
    }

    [Fact]
    public async Task Selectors_are_url_encoded_and_round_trip()
    {
        var handler = new StubHandler((r, _) => StubHandler.Json(200, """{"metadata":{"resourceVersion":"9"},"items":[]}"""));
        using var connection = handler.Connect();
        var selector = Selectors.FromLabelSelector(new LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["bodywork.ml/project"] = "iris", ["app.kubernetes.io/managed-by"] = "bodywork" },
            MatchExpressions =
            [
                new LabelSelectorRequirement { Key = "bodywork.ml/stage", Operator = "In", Values = ["a", "b"] },
                new LabelSelectorRequirement { Key = "tier", Operator = "NotIn", Values = ["web"] },
                new LabelSelectorRequirement { Key = "gpu", Operator = "DoesNotExist" },
                new LabelSelectorRequirement { Key = "team", Operator = "Exists" },
            ],
        });

        await connection.Api.Pods.ListAsync("ml", new ListOptions { LabelSelector = selector, FieldSelector = "status.phase!=Running" });

        var request = Assert.Single(handler.RequestList);
        Assert.Equal("app.kubernetes.io/managed-by=bodywork,bodywork.ml/project=iris,bodywork.ml/stage in (a,b),tier notin (web),!gpu,team",
            request.Query("labelSelector"));
        Assert.Equal("status.phase!=Running", request.Query("fieldSelector"));
        Assert.DoesNotContain(" ", request.Uri.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("!", request.Uri.Query.Replace("%21", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_fetches_every_page_and_merges_items()
    {
        var handler = new StubHandler((r, i) => r.Query("continue") switch
        {
            null => StubHandler.Json(200, """{"kind":"PodList","metadata":{"resourceVersion":"100","continue":"tok1"},"items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}]}"""),
            "tok1" => StubHandler.Json(200, """{"kind":"PodList","metadata":{"resourceVersion":"100","continue":"tok2"},"items":[{"metadata":{"name":"c"}}]}"""),
            _ => StubHandler.Json(200, """{"kind":"PodList","metadata":{"resourceVersion":"100"},"items":[{"metadata":{"name":"d"}}]}"""),
        });
        using var connection = handler.Connect(StubHandler.FastOptions with { ListPageSize = 2 });

        var list = await connection.Api.Pods.ListAsync("ml");

        Assert.Equal(["a", "b", "c", "d"], list.Items.Select(p => p.Metadata.Name));
        Assert.All(list.Items, p => Assert.Equal("Pod", p.Kind)); // list items carry no kind on the wire
        Assert.Null(list.Metadata.Continue);
        Assert.Equal("100", list.Metadata.ResourceVersion);
        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.RequestList, r => Assert.Equal("2", r.Query("limit")));
    }

    [Fact]
    public async Task An_expired_continue_token_restarts_with_one_unpaged_list()
    {
        var handler = new StubHandler((r, i) => (r.Query("continue"), r.Query("limit")) switch
        {
            (null, "2") => StubHandler.Json(200, """{"metadata":{"resourceVersion":"1","continue":"old"},"items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}]}"""),
            ("old", _) => StubHandler.Json(410, StubHandler.Status(410, "Expired", "The provided continue parameter is too old")),
            (null, null) => StubHandler.Json(200, """{"metadata":{"resourceVersion":"9"},"items":[{"metadata":{"name":"b"}},{"metadata":{"name":"c"}}]}"""),
            _ => StubHandler.Json(500, "unexpected"),
        });
        using var connection = handler.Connect(StubHandler.FastOptions with { ListPageSize = 2 });

        var list = await connection.Api.Pods.ListAsync("ml");

        Assert.Equal(new[] { "b", "c" }, list.Items.Select(p => p.Metadata.Name!).ToArray());
        Assert.Equal("9", list.Metadata.ResourceVersion);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task Single_page_list_returns_the_continue_token()
    {
        var handler = new StubHandler((r, i) =>
            StubHandler.Json(200, """{"metadata":{"resourceVersion":"1","continue":"next"},"items":[{"metadata":{"name":"a"}}]}"""));
        using var connection = handler.Connect();

        var page = await connection.Api.Jobs.ListAsync("ml", new ListOptions { SinglePage = true, Limit = 1 });

        Assert.Equal("next", page.Metadata.Continue);
        Assert.Single(handler.RequestList);
        Assert.Equal("1", handler.RequestList[0].Query("limit"));
    }

    [Fact]
    public async Task All_namespace_list_uses_the_cluster_wide_path()
    {
        var handler = new StubHandler((r, _) => StubHandler.Json(200, """{"metadata":{},"items":[]}"""));
        using var connection = handler.Connect();

        await connection.Api.Jobs.ListAsync(null);

        Assert.Equal("/apis/batch/v1/jobs", Assert.Single(handler.RequestList).Path);
    }

    [Fact]
    public async Task Namespace_mismatch_between_body_and_call_is_rejected_before_sending()
    {
        var handler = new StubHandler((r, _) => StubHandler.Json(200, "{}"));
        using var connection = handler.Connect();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            connection.Api.Secrets.ApplyAsync("ml", new Secret { Metadata = new ObjectMeta { Name = "s", Namespace = "other" } }));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Cron_job_trigger_creates_a_manual_job_owned_by_the_cron_job()
    {
        var cron = """{"metadata":{"name":"nightly","namespace":"ml","uid":"cj-uid"},"spec":{"schedule":"0 0 * * *","jobTemplate":{"metadata":{"labels":{"app":"x"}},"spec":{"backoffLimit":2,"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"i"}]}}}}}}""";
        var handler = new StubHandler((r, _) => r.Method == HttpMethod.Get
            ? StubHandler.Json(200, cron)
            : StubHandler.Json(201, r.Body!.Replace("\"generateName\":\"nightly-manual-\"", "\"name\":\"nightly-manual-abcde\"", StringComparison.Ordinal)));
        using var connection = handler.Connect();

        var job = await connection.Api.CronJobs.TriggerAsync("ml", "nightly");

        var post = handler.RequestList[1];
        Assert.Equal("/apis/batch/v1/namespaces/ml/jobs", post.Path);
        Assert.Equal("nightly-manual-abcde", job.Metadata.Name);
        Assert.Equal("manual", job.Metadata.Annotations!["cronjob.kubernetes.io/instantiate"]);
        var owner = Assert.Single(job.Metadata.OwnerReferences!);
        Assert.Equal(("CronJob", "nightly", "cj-uid", true), (owner.Kind, owner.Name, owner.Uid, owner.Controller == true));
        Assert.Equal(2, job.Spec!.BackoffLimit);
        Assert.Equal("x", job.Metadata.Labels!["app"]);
    }

    [Fact]
    public async Task Warning_headers_reach_the_warning_sink()
    {
        var warnings = new List<string>();
        var handler = new StubHandler((r, _) => StubHandler.Json(200, """{"kind":"Status","status":"Success"}""",
            ("Warning", "299 - \"child pods are preserved by default when jobs are deleted; set propagationPolicy=Background\""),
            ("Warning", "299 - \"unknown field \\\"spec.foo\\\"\"")));
        using var connection = handler.Connect(StubHandler.FastOptions with { OnWarning = w => { lock (warnings) { warnings.Add(w); } } });

        await connection.Api.Jobs.DeleteAsync("ml", "j");

        Assert.Equal(["child pods are preserved by default when jobs are deleted; set propagationPolicy=Background", "unknown field \"spec.foo\""],
            warnings.ToArray());
    }
}
