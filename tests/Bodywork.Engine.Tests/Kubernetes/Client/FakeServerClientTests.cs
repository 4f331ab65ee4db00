using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Errors;
using Bodywork.Engine.Kubernetes.Models;
using FakeKubernetes;
using Xunit;

namespace Bodywork.Engine.Tests.Kubernetes.Client;

/// <summary>The client against the fake API server over real HTTP.</summary>
public class FakeServerClientTests
{
    [Fact]
    public async Task Apply_get_list_and_delete_round_trip()
    {
        await using var cluster = await FakeCluster.StartAsync(new FakeApiServerOptions { Namespaces = ["ml"], Kubelet = KubeletMode.Manual });

        var applied = await cluster.Api.Jobs.ApplyAsync("ml", FakeCluster.Job("train"));
        var fetched = await cluster.Api.Jobs.GetAsync("ml", "train");
        var listed = await cluster.Api.Jobs.ListAsync("ml", new ListOptions { LabelSelector = "app=train" });
        var deleted = await cluster.Api.Jobs.DeleteAsync("ml", "train");

        Assert.False(string.IsNullOrEmpty(applied.Metadata.Uid));
        Assert.Equal(0, fetched!.Spec!.BackoffLimit);
        Assert.Equal("train", Assert.Single(listed.Items).Metadata.Name);
        Assert.True(deleted);
        Assert.Equal(1, cluster.Server.Counters.Count("delete", "jobs"));
        var delete = cluster.Server.Requests.Last(r => r.Method == "DELETE");
        Assert.Contains("propagationPolicy=Background", delete.Query, StringComparison.Ordinal);
        await cluster.Server.Store.WaitForDeletionAsync("batch/v1", "Job", "ml", "train", TimeSpan.FromSeconds(60));
        Assert.False(await cluster.Api.Jobs.DeleteAsync("ml", "train"));
    }

    [Fact]
    public async Task Re_applying_converges_on_the_same_object()
    {
        await using var cluster = await FakeCluster.StartAsync();
        ServiceAccount Account(string version) => new()
        {
            Metadata = new ObjectMeta { Name = "runner", Labels = new Dictionary<string, string> { ["v"] = version } },
        };

        var first = await cluster.Api.ServiceAccounts.ApplyAsync("ml", Account("1"));
        var second = await cluster.Api.ServiceAccounts.ApplyAsync("ml", Account("2"));

        Assert.Equal(first.Metadata.Uid, second.Metadata.Uid);
        Assert.Equal("2", second.Metadata.Labels!["v"]);
        Assert.Equal(2, cluster.Server.Counters.Count("apply", "serviceaccounts"));
    }

    [Fact]
    public async Task Dry_run_apply_changes_nothing()
    {
        await using var cluster = await FakeCluster.StartAsync();

        await cluster.Api.Services.ApplyAsync("ml", new Service
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new ServicePort { Port = 80, TargetPort = 8000 }] },
        }, new WriteOptions { DryRun = true });

        Assert.Null(await cluster.Api.Services.GetAsync("ml", "web"));
    }

    [Fact]
    public async Task Invalid_objects_fail_with_field_causes()
    {
        await using var cluster = await FakeCluster.StartAsync();
        var job = FakeCluster.Job("bad", image: null);

        var ex = await Assert.ThrowsAsync<KubernetesApiException>(() => cluster.Api.Jobs.ApplyAsync("ml", job));

        Assert.Equal(KubernetesErrorReason.Invalid, ex.Reason);
        Assert.Contains(ex.Causes, c => c.Field is not null && c.Field.Contains("image", StringComparison.Ordinal));
        Assert.StartsWith("applying Job ml/bad: ", ex.Message, StringComparison.Ordinal);
        Assert.Null(cluster.Server.Store.Get("batch/v1", "Job", "ml", "bad"));
    }

    [Fact]
    public async Task Creating_an_existing_object_is_already_exists()
    {
        await using var cluster = await FakeCluster.StartAsync();
        var secret = new Secret { Metadata = new ObjectMeta { Name = "creds" }, StringData = new Dictionary<string, string> { ["K"] = "v" } };
        await cluster.Api.Secrets.CreateAsync("ml", secret);

        var ex = await Assert.ThrowsAsync<KubernetesApiException>(() => cluster.Api.Secrets.CreateAsync("ml", secret));

        Assert.Equal(KubernetesErrorReason.AlreadyExists, ex.Reason);
        Assert.Equal("BodyworkKubernetesObjectAlreadyExists", ex.ErrorId);
    }

    [Fact]
    public async Task A_missing_namespace_is_not_found()
    {
        await using var cluster = await FakeCluster.StartAsync();

        var ex = await Assert.ThrowsAsync<KubernetesApiException>(() => cluster.Api.Secrets.CreateAsync("nope",
            new Secret { Metadata = new ObjectMeta { Name = "s" } }));

        Assert.Equal(KubernetesErrorReason.NotFound, ex.Reason);
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_retried_for_idempotent_calls_only()
    {
        await using var cluster = await FakeCluster.StartAsync();
        await cluster.Api.Jobs.ApplyAsync("ml", FakeCluster.Job("j"));

        cluster.Server.Faults.FailNext(2, 429, retryAfterSeconds: 1, verb: "get", resource: "jobs");
        Assert.NotNull(await cluster.Api.Jobs.GetAsync("ml", "j"));
        Assert.Equal(3, cluster.Server.Counters.Count("get", "jobs"));

        cluster.Server.Faults.FailNext(1, 503, verb: "create", resource: "secrets");
        var ex = await Assert.ThrowsAsync<KubernetesApiException>(() => cluster.Api.Secrets.CreateAsync("ml", new Secret { Metadata = new ObjectMeta { Name = "s" } }));
        Assert.Equal(KubernetesErrorReason.ServerError, ex.Reason);
        Assert.Equal(1, cluster.Server.Counters.Count("create", "secrets"));

        cluster.Server.Faults.ResetNext(1, verb: "list", resource: "jobs");
        Assert.Single((await cluster.Api.Jobs.ListAsync("ml")).Items);

        cluster.Server.Faults.FailNextWithBody(1, 502, "text/html", "<html>bad gateway</html>", verb: "get", resource: "jobs");
        Assert.NotNull(await cluster.Api.Jobs.GetAsync("ml", "j"));
    }

    [Fact]
    public async Task Paging_with_a_small_page_size_returns_everything()
    {
        await using var cluster = await FakeCluster.StartAsync(clientOptions: StubHandler.FastOptions with { ListPageSize = 2 });
        for (var i = 0; i < 5; i++)
        {
            await cluster.Api.Secrets.ApplyAsync("ml", new Secret { Metadata = new ObjectMeta { Name = "s" + i, Labels = new Dictionary<string, string> { ["set"] = "a" } } });
        }

        var all = await cluster.Api.Secrets.ListAsync("ml", new ListOptions { LabelSelector = "set=a" });

        Assert.Equal(5, all.Items.Count);
        Assert.Equal(3, cluster.Server.Counters.Count("list", "secrets"));
    }

    [Fact]
    public async Task Cron_job_trigger_creates_a_job_the_fake_accepts()
    {
        await using var cluster = await FakeCluster.StartAsync();
        var job = FakeCluster.Job("nightly");
        await cluster.Api.CronJobs.ApplyAsync("ml", new CronJob
        {
            Metadata = new ObjectMeta { Name = "nightly" },
            Spec = new CronJobSpec { Schedule = "0 0 * * *", JobTemplate = new JobTemplateSpec { Spec = job.Spec } },
        });

        var created = await cluster.Api.CronJobs.TriggerAsync("ml", "nightly");

        Assert.StartsWith("nightly-manual-", created.Metadata.Name, StringComparison.Ordinal);
        Assert.NotNull(cluster.Server.Store.Get("batch/v1", "Job", "ml", created.Metadata.Name!));
    }
}
