using System.Text.Json.Nodes;
using FakeKubernetes;
using Xunit;

namespace Bodywork.Engine.Tests.Fake;

/// <summary>Simulated Job, Deployment/ReplicaSet and CronJob controllers with scripted pod outcomes.</summary>
public sealed class FakeControllerTests : IAsyncLifetime
{
    private FakeApiServer _server = null!;
    private FakeHttp _http = null!;
    private const string Jobs = "apis/batch/v1/namespaces/default/jobs";
    private const string Deployments = "apis/apps/v1/namespaces/default/deployments";

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync();
        _http = new FakeHttp(_server);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private Task<JsonObject> WaitJobAsync(string name, Func<JsonObject, bool> predicate) =>
        _server.Store.WaitForAsync("batch/v1", "Job", "default", name, predicate, FakeHttp.Timeout);

    [Fact]
    public async Task Job_completes_with_succeeded_count_and_labelled_pod()
    {
        await _http.CreateAsync(Jobs, FakeHttp.Job("ok"));
        var job = await WaitJobAsync("ok", j => FakeHttp.HasCondition(j, "Complete"));
        Assert.Equal(1, (int)job["status"]!["succeeded"]!);
        Assert.NotNull(job["status"]!["completionTime"]);
        var pod = Assert.Single(_server.Store.List("v1", "Pod", "default", "batch.kubernetes.io/job-name=ok"));
        Assert.Equal("Succeeded", (string?)pod["status"]!["phase"]);
        Assert.Equal((string?)job["metadata"]!["uid"], (string?)pod["metadata"]!["labels"]!["controller-uid"]);
        Assert.Equal("Job", (string?)pod["metadata"]!["ownerReferences"]![0]!["kind"]);
    }

    [Fact]
    public async Task Job_retries_failed_pods_then_succeeds()
    {
        _server.Pods.Script(PodMatch.Label("job-name", "flaky"), PodOutcome.FailTimes(2, exitCode: 3, log: "boom\n"));
        await _http.CreateAsync(Jobs, FakeHttp.Job("flaky", backoffLimit: 3));
        var job = await WaitJobAsync("flaky", j => FakeHttp.HasCondition(j, "Complete"));
        Assert.Equal(2, (int)job["status"]!["failed"]!);
        Assert.Equal(1, (int)job["status"]!["succeeded"]!);
        var pods = _server.Store.List("v1", "Pod", "default", "job-name=flaky");
        Assert.Equal(3, pods.Count);
        var failed = pods.Where(p => (string?)p["status"]!["phase"] == "Failed").ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, p => Assert.Equal(3, (int)p["status"]!["containerStatuses"]![0]!["state"]!["terminated"]!["exitCode"]!));
    }

    [Fact]
    public async Task Job_fails_with_BackoffLimitExceeded()
    {
        _server.Pods.Script(PodMatch.Label("job-name", "doomed"), PodOutcome.AlwaysFail(exitCode: 2));
        await _http.CreateAsync(Jobs, FakeHttp.Job("doomed", backoffLimit: 1));
        var job = await WaitJobAsync("doomed", j => FakeHttp.HasCondition(j, "Failed"));
        Assert.Equal("BackoffLimitExceeded", (string?)FakeHttp.Condition(job, "Failed")!["reason"]);
        Assert.True(FakeHttp.HasCondition(job, "FailureTarget"));
        Assert.Equal(2, (int)job["status"]!["failed"]!);
    }

    [Fact]
    public async Task Job_fails_with_DeadlineExceeded_and_its_pods_are_removed()
    {
        _server.Pods.Script(PodMatch.Label("job-name", "slow"), PodOutcome.RunForever());
        await _http.CreateAsync(Jobs, FakeHttp.Job("slow", activeDeadlineSeconds: 1));
        var job = await WaitJobAsync("slow", j => FakeHttp.HasCondition(j, "Failed"));
        Assert.Equal("DeadlineExceeded", (string?)FakeHttp.Condition(job, "Failed")!["reason"]);
        await _server.Store.WaitUntilAsync(s => s.List("v1", "Pod", "default", "job-name=slow").Count == 0, FakeHttp.Timeout, "pods removed");
    }

    [Fact]
    public async Task Suspended_job_creates_no_pods()
    {
        await _http.CreateAsync(Jobs, FakeHttp.Job("sus", extraSpec: "\"suspend\":true,"));
        var job = await WaitJobAsync("sus", j => FakeHttp.HasCondition(j, "Suspended"));
        Assert.Equal("JobSuspended", (string?)FakeHttp.Condition(job, "Suspended")!["reason"]);
        Assert.Empty(_server.Store.List("v1", "Pod", "default", "job-name=sus"));
    }

    [Fact]
    public async Task Deployment_rolls_out_replaces_old_replicaset_and_rolls_back_reusing_it()
    {
        await _http.ApplyAsync(Deployments + "/web", FakeHttp.Deployment("web", "nginx:1.25", replicas: 2));
        var d1 = await _server.Store.WaitForAsync("apps/v1", "Deployment", "default", "web",
            d => (int?)d["status"]?["availableReplicas"] == 2 && (string?)FakeHttp.Condition(d, "Progressing")?["reason"] == "NewReplicaSetAvailable", FakeHttp.Timeout);
        Assert.Equal("1", (string?)d1["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]);
        Assert.True(FakeHttp.HasCondition(d1, "Available"));
        Assert.Equal(1, (int)d1["status"]!["observedGeneration"]!);
        var rs1 = Assert.Single(_server.Store.List("apps/v1", "ReplicaSet", "default"));
        var hash1 = (string)rs1["metadata"]!["labels"]!["pod-template-hash"]!;
        Assert.Equal(2, _server.Store.List("v1", "Pod", "default", $"pod-template-hash={hash1}").Count);

        // Unchanged re-apply: no new ReplicaSet.
        await _http.ApplyAsync(Deployments + "/web", FakeHttp.Deployment("web", "nginx:1.25", replicas: 2));
        Assert.Single(_server.Store.List("apps/v1", "ReplicaSet", "default"));

        await _http.ApplyAsync(Deployments + "/web", FakeHttp.Deployment("web", "nginx:1.26", replicas: 2));
        await _server.Store.WaitForAsync("apps/v1", "Deployment", "default", "web",
            d => (string?)d["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"] == "2" && (int?)d["status"]?["updatedReplicas"] == 2
                 && (int?)d["status"]?["replicas"] == 2 && (int?)d["status"]?["observedGeneration"] == 2, FakeHttp.Timeout);
        await _server.Store.WaitForAsync("apps/v1", "ReplicaSet", "default", (string)rs1["metadata"]!["name"]!, rs => (int?)rs["spec"]!["replicas"] == 0, FakeHttp.Timeout);
        Assert.Equal(2, _server.Store.List("apps/v1", "ReplicaSet", "default").Count);

        // Rollback by re-applying the old template: the old ReplicaSet is adopted with revision 3.
        await _http.ApplyAsync(Deployments + "/web", FakeHttp.Deployment("web", "nginx:1.25", replicas: 2));
        var rs = await _server.Store.WaitForAsync("apps/v1", "ReplicaSet", "default", (string)rs1["metadata"]!["name"]!,
            r => (string?)r["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"] == "3" && (int?)r["spec"]!["replicas"] == 2, FakeHttp.Timeout);
        Assert.Equal("1", (string?)rs["metadata"]!["annotations"]!["deployment.kubernetes.io/revision-history"]);
        Assert.Equal(2, _server.Store.List("apps/v1", "ReplicaSet", "default").Count);
    }

    [Fact]
    public async Task Deployment_that_never_becomes_ready_exceeds_its_progress_deadline()
    {
        _server.Pods.Script(PodMatch.Label("app", "stuck"), PodOutcome.NeverReady());
        await _http.CreateAsync(Deployments, FakeHttp.Deployment("stuck", extraSpec: "\"progressDeadlineSeconds\":1,"));
        var d = await _server.Store.WaitForAsync("apps/v1", "Deployment", "default", "stuck",
            x => (string?)FakeHttp.Condition(x, "Progressing")?["reason"] == "ProgressDeadlineExceeded", FakeHttp.Timeout);
        Assert.Equal("False", (string?)FakeHttp.Condition(d, "Progressing")!["status"]);
        Assert.Equal("False", (string?)FakeHttp.Condition(d, "Available")!["status"]);
        Assert.Equal(1, (int)d["status"]!["unavailableReplicas"]!);
    }

    [Fact]
    public async Task Crashing_service_pod_goes_to_CrashLoopBackOff()
    {
        _server.Pods.Script(PodMatch.Label("app", "crash"), PodOutcome.CrashAfterStart(TimeSpan.FromMilliseconds(100), exitCode: 137));
        await _http.CreateAsync(Deployments, FakeHttp.Deployment("crash"));
        await _server.Store.WaitUntilAsync(s => s.List("v1", "Pod", "default", "app=crash").Any(p =>
            (string?)p["status"]?["containerStatuses"]?[0]?["state"]?["waiting"]?["reason"] == "CrashLoopBackOff"), FakeHttp.Timeout, "crash loop");
        var pod = _server.Store.List("v1", "Pod", "default", "app=crash")[0];
        Assert.Equal(137, (int)pod["status"]!["containerStatuses"]![0]!["lastState"]!["terminated"]!["exitCode"]!);
        // restartPolicy Always: the kubelet keeps restarting it with a back-off.
        await _server.Store.WaitUntilAsync(s => s.List("v1", "Pod", "default", "app=crash").Any(p =>
            (int?)p["status"]?["containerStatuses"]?[0]?["restartCount"] >= 2), FakeHttp.Timeout, "two restarts");
    }

    [Fact]
    public async Task CronJob_trigger_creates_an_owned_job_like_kubectl_create_job_from()
    {
        await _http.CreateAsync("apis/batch/v1/namespaces/default/cronjobs", """
            {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"nightly"},"spec":{"schedule":"0 3 * * *",
             "jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox"}]}}}}}}
            """);
        var job = _server.TriggerCronJob("default", "nightly", "nightly-manual");
        Assert.Equal("manual", (string?)job["metadata"]!["annotations"]!["cronjob.kubernetes.io/instantiate"]);
        Assert.Equal("CronJob", (string?)job["metadata"]!["ownerReferences"]![0]!["kind"]);
        var cron = _server.Store.Get("batch/v1", "CronJob", "default", "nightly")!;
        Assert.NotNull(cron["status"]!["lastScheduleTime"]);
        Assert.Equal("nightly-manual", (string?)cron["status"]!["active"]![0]!["name"]);
        await WaitJobAsync("nightly-manual", j => FakeHttp.HasCondition(j, "Complete"));
        await _server.Store.WaitForAsync("batch/v1", "CronJob", "default", "nightly", c => c["status"]?["active"] is null, FakeHttp.Timeout);
    }

    [Fact]
    public async Task Ttl_after_finished_deletes_the_job()
    {
        await _http.CreateAsync(Jobs, FakeHttp.Job("ttl", extraSpec: "\"ttlSecondsAfterFinished\":0,"));
        await _server.Store.WaitForDeletionAsync("batch/v1", "Job", "default", "ttl", FakeHttp.Timeout);
    }
}
