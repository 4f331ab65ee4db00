using System.Text.Json;
using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Engine.Kubernetes.Watch;
using Bodywork.Engine.Tests.Kubernetes.Client;
using Xunit;

namespace Bodywork.Engine.Tests.Kubernetes.Watch;

public class WaitEvaluationTests
{
    private static Job JobWith(params (string Type, string Status, string? Reason)[] conditions) => new()
    {
        Metadata = new ObjectMeta { Name = "j", Namespace = "ml" },
        Status = new JobStatus { Conditions = conditions.Select(c => new JobCondition { Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Reason + " msg" }).ToList() },
    };

    [Fact]
    public void Job_without_terminal_conditions_is_still_running() =>
        Assert.Null(JobCompletion.Evaluate(JobWith(("Complete", "False", null))));

    [Theory]
    [InlineData("Complete", "CompletionsReached", JobOutcomeKind.Succeeded)]
    [InlineData("SuccessCriteriaMet", "CompletionsReached", JobOutcomeKind.Succeeded)]
    [InlineData("Failed", "BackoffLimitExceeded", JobOutcomeKind.Failed)]
    [InlineData("Failed", "DeadlineExceeded", JobOutcomeKind.Failed)]
    [InlineData("FailureTarget", "BackoffLimitExceeded", JobOutcomeKind.Failed)]
    [InlineData("Suspended", "JobSuspended", JobOutcomeKind.Suspended)]
    public void Job_conditions_decide_the_outcome(string type, string reason, JobOutcomeKind expected)
    {
        var outcome = JobCompletion.Evaluate(JobWith((type, "True", reason)));

        Assert.NotNull(outcome);
        Assert.Equal(expected, outcome.Kind);
        Assert.Equal(reason, outcome.Reason);
        Assert.Equal(reason + " msg", outcome.Message);
    }

    [Fact]
    public void Failure_beats_completion_when_both_appear()
    {
        var outcome = JobCompletion.Evaluate(JobWith(("Complete", "True", "CompletionsReached"), ("Failed", "True", "DeadlineExceeded")));
        Assert.Equal(JobOutcomeKind.Failed, outcome!.Kind);
    }

    private static Deployment Dep(long generation, long observed, int? replicas, int updated, int total, int available,
        string? progressingReason = null, bool paused = false, string? revision = null) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = "web",
            Generation = generation,
            Annotations = revision is null ? null : new Dictionary<string, string> { ["deployment.kubernetes.io/revision"] = revision },
        },
        Spec = new DeploymentSpec { Replicas = replicas, Paused = paused ? true : null },
        Status = new DeploymentStatus
        {
            ObservedGeneration = observed,
            UpdatedReplicas = updated,
            Replicas = total,
            AvailableReplicas = available,
            Conditions = progressingReason is null ? null : [new DeploymentCondition { Type = "Progressing", Status = "False", Reason = progressingReason, Message = "ReplicaSet \"web-1\" has timed out progressing." }],
        },
    };

    [Theory]
    [InlineData(2, 1, 3, 3, 3, 3, null, RolloutOutcomeKind.InProgress, "Waiting for deployment spec update to be observed...")]
    [InlineData(2, 2, 3, 1, 3, 1, null, RolloutOutcomeKind.InProgress, "1 out of 3 new replicas have been updated")]
    [InlineData(2, 2, 3, 3, 4, 3, null, RolloutOutcomeKind.InProgress, "1 old replicas are pending termination")]
    [InlineData(2, 2, 3, 3, 3, 2, null, RolloutOutcomeKind.InProgress, "2 of 3 updated replicas are available")]
    [InlineData(2, 2, 3, 3, 3, 3, null, RolloutOutcomeKind.Succeeded, "successfully rolled out")]
    [InlineData(2, 2, 3, 1, 3, 1, "ProgressDeadlineExceeded", RolloutOutcomeKind.ProgressDeadlineExceeded, "exceeded its progress deadline")]
    public void Rollout_status_follows_kubectls_order(long gen, long observed, int replicas, int updated, int total, int available,
        string? reason, RolloutOutcomeKind expected, string messagePart)
    {
        var outcome = RolloutStatus.Evaluate(Dep(gen, observed, replicas, updated, total, available, reason));

        Assert.Equal(expected, outcome.Kind);
        Assert.Contains(messagePart, outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Paused_deployments_are_reported_instead_of_waited_on()
    {
        var outcome = RolloutStatus.Evaluate(Dep(2, 2, 3, 1, 3, 1, paused: true));
        Assert.Equal(RolloutOutcomeKind.Paused, outcome.Kind);
        Assert.True(outcome.IsFinal);
    }

    [Fact]
    public void A_revision_mismatch_is_reported()
    {
        Assert.Equal(RolloutOutcomeKind.RevisionMismatch, RolloutStatus.Evaluate(Dep(1, 1, 1, 1, 1, 1, revision: "3"), revision: 4).Kind);
        Assert.Equal(RolloutOutcomeKind.Succeeded, RolloutStatus.Evaluate(Dep(1, 1, 1, 1, 1, 1, revision: "4"), revision: 4).Kind);
    }

    [Fact]
    public async Task Job_wait_reports_a_missing_job_as_deleted_without_watching()
    {
        var handler = new StubHandler((r, i) => StubHandler.Json(404, StubHandler.Status(404, "NotFound", "jobs.batch \"j\" not found")));
        using var connection = handler.Connect();

        var outcome = await JobCompletion.WaitAsync(connection.Api.Jobs, "ml", "j", TimeSpan.FromSeconds(30));

        Assert.Equal(JobOutcomeKind.Deleted, outcome.Kind);
        Assert.Single(handler.RequestList);
    }

    private static string RunningJob => JsonSerializer.Serialize(
        new Job { Metadata = new ObjectMeta { Name = "j", Namespace = "ml", ResourceVersion = "3" } }, KubernetesJsonContext.Default.Job);

    [Fact]
    public async Task Job_wait_times_out_with_the_last_state()
    {
        var handler = new StubHandler((r, i) => r.Query("watch") is not null
            ? StubHandler.Stream("", hang: true)
            : r.Path.EndsWith("/jobs/j", StringComparison.Ordinal)
                ? StubHandler.Json(200, RunningJob)
                : StubHandler.Json(200, $$"""{"metadata":{"resourceVersion":"3"},"items":[{{RunningJob}}]}"""));
        using var connection = handler.Connect();

        var outcome = await JobCompletion.WaitAsync(connection.Api.Jobs, "ml", "j", TimeSpan.FromSeconds(3));

        Assert.Equal(JobOutcomeKind.TimedOut, outcome.Kind);
        Assert.Contains("did not finish", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Job_wait_follows_the_job_by_name_until_it_completes()
    {
        var complete = RunningJob.Replace("\"metadata\"", "\"status\":{\"conditions\":[{\"type\":\"Complete\",\"status\":\"True\",\"reason\":\"CompletionsReached\"}]},\"metadata\"", StringComparison.Ordinal);
        var handler = new StubHandler((r, i) => r.Query("watch") is not null
            ? StubHandler.Stream("{\"type\":\"MODIFIED\",\"object\":" + complete + "}\n", hang: true)
            : r.Path.EndsWith("/jobs/j", StringComparison.Ordinal)
                ? StubHandler.Json(200, RunningJob)
                : StubHandler.Json(200, $$"""{"metadata":{"resourceVersion":"3"},"items":[{{RunningJob}}]}"""));
        using var connection = handler.Connect();

        var outcome = await JobCompletion.WaitAsync(connection.Api.Jobs, "ml", "j", TimeSpan.FromMinutes(5));

        Assert.Equal(JobOutcomeKind.Succeeded, outcome.Kind);
        Assert.Equal("CompletionsReached", outcome.Reason);
        Assert.All(handler.RequestList.Where(r => !r.Path.EndsWith("/jobs/j", StringComparison.Ordinal)),
            r => Assert.Equal("metadata.name=j", r.Query("fieldSelector")));
    }
}
