namespace Bodywork.Models.Management;

/// <summary>A CronJob that runs the Bodywork workflow controller on a schedule.</summary>
public sealed class BodyworkCronJob
{
    public required string Name { get; init; }
    public required string Namespace { get; init; }

    /// <summary>Five-field cron expression (or macro such as <c>@daily</c>).</summary>
    public required string Schedule { get; init; }

    /// <summary>The repository whose workflow runs.</summary>
    public string? GitRepoUrl { get; init; }

    /// <summary>The branch whose workflow runs.</summary>
    public string? Branch { get; init; }

    /// <summary>Workflow controller image.</summary>
    public string? Image { get; init; }

    /// <summary>Retries of a failed run (the Job's backoffLimit).</summary>
    public int? Retry { get; init; }

    /// <summary>Finished runs kept (successful and failed each).</summary>
    public int? HistoryLimit { get; init; }

    public DateTimeOffset? LastScheduleTime { get; init; }
    public DateTimeOffset? LastSuccessfulTime { get; init; }

    /// <summary>Runs in progress.</summary>
    public int ActiveRuns { get; init; }

    public bool Suspended { get; init; }
    public DateTimeOffset? CreationTime { get; init; }

    public override string ToString() => $"{Namespace}/{Name}";
}
