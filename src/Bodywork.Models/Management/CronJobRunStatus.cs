namespace Bodywork.Models.Management;

/// <summary>State of one CronJob run (its Job's conditions and counts).</summary>
public enum CronJobRunStatus
{
    /// <summary>Created, no pod running yet.</summary>
    Pending,
    Running,
    Succeeded,
    Failed,
}
