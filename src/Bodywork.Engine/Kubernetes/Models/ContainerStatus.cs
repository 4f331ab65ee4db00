namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>Per-container status of a pod.</summary>
public sealed record ContainerStatus
{
    public string Name { get; set; } = "";
    public bool Ready { get; set; }
    public bool? Started { get; set; }
    public int RestartCount { get; set; }
    public string? Image { get; set; }
    public ContainerState? State { get; set; }
    public ContainerState? LastState { get; set; }
}

/// <summary>Exactly one of waiting, running, terminated is set (none: unknown).</summary>
public sealed record ContainerState
{
    public ContainerStateWaiting? Waiting { get; set; }
    public ContainerStateRunning? Running { get; set; }
    public ContainerStateTerminated? Terminated { get; set; }
}

/// <summary>Not yet running: ContainerCreating, ImagePullBackOff, ErrImagePull, CrashLoopBackOff…</summary>
public sealed record ContainerStateWaiting
{
    public string? Reason { get; set; }
    public string? Message { get; set; }
}

/// <summary>Running since startedAt.</summary>
public sealed record ContainerStateRunning
{
    public DateTimeOffset? StartedAt { get; set; }
}

/// <summary>Exited: exit code and reason (Completed, Error, OOMKilled…).</summary>
public sealed record ContainerStateTerminated
{
    public int ExitCode { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
