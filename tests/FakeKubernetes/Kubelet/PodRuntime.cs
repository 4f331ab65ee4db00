using System.Diagnostics;

namespace FakeKubernetes;

/// <summary>The simulated kubelet's state for one pod (single main container is simulated; other containers mirror it).</summary>
internal sealed class PodRuntime
{
    public required string Uid { get; init; }
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public required PodOutcome Outcome { get; init; }
    public required bool LongRunning { get; init; }
    public required bool FailThisRun { get; init; }
    public required DateTime Created { get; set; }
    public Dictionary<string, LogBuffer> Logs { get; } = new(StringComparer.Ordinal);
    public string MainContainer { get; init; } = "";

    public string State { get; set; } = "waiting";          // waiting | running | terminated
    public string WaitingReason { get; set; } = "ContainerCreating";
    public string? WaitingMessage { get; set; }
    public bool Ready { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public int? ExitCode { get; set; }
    public string? TerminatedReason { get; set; }
    public string? TerminatedMessage { get; set; }
    public int RestartCount { get; set; }
    public System.Text.Json.Nodes.JsonObject? LastTerminated { get; set; }
    public bool Manual { get; set; }
    public Process? Process { get; set; }
    public bool StartupPassed { get; set; }
    public DateTime NextProbe { get; set; }
    public bool ProbeInFlight { get; set; }
}
