using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Models.Management;

namespace Bodywork.Engine.Management;

/// <summary>Reads a run's state from its Job: conditions first (they are final), then pod counts.</summary>
internal static class CronJobRuns
{
    private const string ManualAnnotation = "cronjob.kubernetes.io/instantiate";

    public static BodyworkCronJobRun ToRun(Job job, string cronJobName) => new()
    {
        Name = job.Metadata.Name ?? "",
        Namespace = job.Metadata.Namespace ?? "",
        CronJobName = cronJobName,
        StartTime = job.Status?.StartTime,
        CompletionTime = job.Status?.CompletionTime ?? FailureTime(job),
        Status = StatusOf(job),
        Active = job.Status?.Active ?? 0,
        Succeeded = job.Status?.Succeeded ?? 0,
        Failed = job.Status?.Failed ?? 0,
        Manual = job.Metadata.Annotations?.GetValueOrDefault(ManualAnnotation) == "manual",
    };

    public static CronJobRunStatus StatusOf(Job job)
    {
        var conditions = job.Status?.Conditions ?? [];
        if (conditions.Any(c => c.Type is "Complete" && c.Status == "True"))
        {
            return CronJobRunStatus.Succeeded;
        }

        if (conditions.Any(c => c.Type is "Failed" && c.Status == "True"))
        {
            return CronJobRunStatus.Failed;
        }

        return (job.Status?.Active ?? 0) > 0 ? CronJobRunStatus.Running : CronJobRunStatus.Pending;
    }

    // A failed Job has no completionTime; the Failed condition's transition time is when it ended.
    private static DateTimeOffset? FailureTime(Job job) =>
        job.Status?.Conditions?.FirstOrDefault(c => c.Type == "Failed" && c.Status == "True")?.LastTransitionTime;
}
