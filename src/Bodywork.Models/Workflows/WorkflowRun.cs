namespace Bodywork.Models.Workflows;

/// <summary>
/// The result of Invoke-BodyworkWorkflow / <c>bodywork workflow</c>: the whole run with its steps and
/// stages. Output even when the run failed (Status = Failed, Error says why).
/// </summary>
public sealed class WorkflowRun
{
    /// <summary>PROJECT_NAME from bodywork.ini.</summary>
    public required string Project { get; init; }
    /// <summary>Kubernetes namespace, or null for a local run.</summary>
    public string? Namespace { get; init; }
    /// <summary>The Git repository URL or local path the project came from.</summary>
    public required string Source { get; init; }
    /// <summary>The branch cloned (the remote's default when none was asked for), or null for a plain folder.</summary>
    public string? Branch { get; init; }
    /// <summary>The commit hash that ran, or null for a plain folder.</summary>
    public string? Commit { get; init; }
    public required WorkflowStatus Status { get; init; }
    public required DateTimeOffset StartTime { get; init; }
    public required TimeSpan Duration { get; init; }
    public required IReadOnlyList<WorkflowStepResult> Steps { get; init; }
    /// <summary>Why the run failed (the failed stages and their errors), or null.</summary>
    public string? Error { get; init; }

    /// <summary>True when the stages ran as local processes.</summary>
    public bool IsLocal => Namespace is null;
    /// <summary>Where it ran: the namespace, or <c>(local)</c>.</summary>
    public string Target => Namespace ?? "(local)";
    /// <summary>Every stage of every step, in DAG order.</summary>
    public IReadOnlyList<WorkflowStageResult> Stages => Steps.SelectMany(s => s.Stages).ToList();
    /// <summary>URLs of the services the run started or updated.</summary>
    public IReadOnlyList<string> ServiceUrls => Stages.Where(s => s.ServiceUrl is not null).Select(s => s.ServiceUrl!).ToList();
    /// <summary>Names of the stages that failed or timed out.</summary>
    public IReadOnlyList<string> FailedStages =>
        Stages.Where(s => s.Status is StageRunStatus.Failed or StageRunStatus.TimedOut).Select(s => s.Stage).ToList();
    /// <summary>The commit shortened to 8 characters for tables.</summary>
    public string? ShortCommit => Commit is { Length: > 8 } c ? c[..8] : Commit;
}
