namespace Bodywork.Models.Management;

/// <summary>One run of a Bodywork CronJob: the Job the CronJob created.</summary>
public sealed class BodyworkCronJobRun
{
    /// <summary>The Job name, <c>&lt;cronjob&gt;-&lt;number&gt;</c>.</summary>
    public required string Name { get; init; }
    public required string Namespace { get; init; }
    public required string CronJobName { get; init; }

    public DateTimeOffset? StartTime { get; init; }
    public DateTimeOffset? CompletionTime { get; init; }

    /// <summary>Completion minus start; null until both are known.</summary>
    public TimeSpan? Duration => StartTime is { } s && CompletionTime is { } c ? c - s : null;

    public required CronJobRunStatus Status { get; init; }

    /// <summary>Pods running, succeeded and failed (attempts).</summary>
    public int Active { get; init; }
    public int Succeeded { get; init; }
    public int Failed { get; init; }

    /// <summary>True when the run was started by hand (kubectl create job --from=cronjob/...).</summary>
    public bool Manual { get; init; }

    public override string ToString() => $"{Namespace}/{Name}";
}
