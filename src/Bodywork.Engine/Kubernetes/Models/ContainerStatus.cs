namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>Per-container status of a pod.</summary>
public sealed record ContainerStatus
{
    public string Name { get; init; } = "";
    public bool Ready { get; init; }
    public bool? Started { get; init; }
    public int RestartCount { get; init; }
    public string? Image { get; init; }
    public ContainerState? State { get; init; }
    public ContainerState? LastState { get; init; }
}

/// <summary>Exactly one of waiting, running, terminated is set (none: unknown).</summary>
public sealed record ContainerState
{
    public ContainerStateWaiting? Waiting { get; init; }
    public ContainerStateRunning? Running { get; init; }
    public ContainerStateTerminated? Terminated { get; init; }
}

/// <summary>Not yet running: ContainerCreating, ImagePullBackOff, ErrImagePull, CrashLoopBackOff…</summary>
public sealed record ContainerStateWaiting
{
    public string? Reason { get; init; }
    public string? Message { get; init; }
}

/// <summary>Running since startedAt.</summary>
public sealed record ContainerStateRunning
{
    public DateTimeOffset? StartedAt { get; init; }
}

/// <summary>Exited: exit code and reason (Completed, Error, OOMKilled…).</summary>
public sealed record ContainerStateTerminated
{
    public int ExitCode { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}
