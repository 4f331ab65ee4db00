using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Kubernetes.Watch;

/// <summary>How a wait for a Job ended.</summary>
public enum JobOutcomeKind
{
    /// <summary>Complete=True.</summary>
    Succeeded,

    /// <summary>Failed=True (or FailureTarget=True, which precedes it on 1.31+). See Reason: BackoffLimitExceeded, DeadlineExceeded…</summary>
    Failed,

    /// <summary>Suspended=True: the Job will not run until resumed.</summary>
    Suspended,

    /// <summary>The Job disappeared (or never existed) before finishing.</summary>
    Deleted,

    /// <summary>The wait's timeout passed first.</summary>
    TimedOut,
}

/// <summary>The result of a Job wait: kind, the condition's reason and message, and the last state seen.</summary>
public sealed record JobOutcome(JobOutcomeKind Kind, string? Reason, string? Message, Job? Job)
{
    /// <summary>True for <see cref="JobOutcomeKind.Succeeded"/>.</summary>
    public bool IsSuccess => Kind == JobOutcomeKind.Succeeded;
}

/// <summary>Waiting for a Job to complete or fail (spec §3.3).</summary>
public static class JobCompletion
{
    /// <summary>
    /// The terminal outcome shown by a Job's conditions, or null while it is still running. FailureTarget
    /// (and SuccessCriteriaMet) count as early results: the terminal condition always follows them.
    /// </summary>
    public static JobOutcome? Evaluate(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var conditions = job.Status?.Conditions ?? [];
        JobCondition? Find(string type) => conditions.FirstOrDefault(c => c.Type == type && c.Status == "True");

        if ((Find("Failed") ?? Find("FailureTarget")) is { } failed)
        {
            return new JobOutcome(JobOutcomeKind.Failed, failed.Reason, failed.Message, job);
        }

        if ((Find("Complete") ?? Find("SuccessCriteriaMet")) is { } complete)
        {
            return new JobOutcome(JobOutcomeKind.Succeeded, complete.Reason, complete.Message, job);
        }

        if (Find("Suspended") is { } suspended)
        {
            return new JobOutcome(JobOutcomeKind.Suspended, suspended.Reason ?? "Suspended", suspended.Message ?? "the job is suspended", job);
        }

        return null;
    }

    /// <summary>
    /// Watches the Job until <see cref="Evaluate"/> gives an outcome, the Job is deleted (a Job removed
    /// after finishing, e.g. by ttlSecondsAfterFinished, keeps its last result), or the timeout passes.
    /// </summary>
    public static async Task<JobOutcome> WaitAsync(INamespacedResourceClient<Job> jobs, string namespaceName, string name,
        TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Job? last = null;
        var outcome = await ResourceWait.ForAsync(jobs, namespaceName, name, job =>
        {
            if (job is null)
            {
                return new JobOutcome(JobOutcomeKind.Deleted, "Deleted",
                    last is null ? $"job {namespaceName}/{name} does not exist" : $"job {namespaceName}/{name} was deleted before it finished", last);
            }

            last = job;
            return Evaluate(job);
        }, timeout, cancellationToken).ConfigureAwait(false);
        return outcome ?? new JobOutcome(JobOutcomeKind.TimedOut, "Timeout",
            $"job {namespaceName}/{name} did not finish within {timeout}", last);
    }
}
