namespace Bodywork.Engine.Local;

/// <summary>What is stored about a local service (one JSON file per service in the state folder).</summary>
internal sealed class LocalServiceRecord
{
    public string Project { get; set; } = "";
    public string Stage { get; set; } = "";
    public int ProcessId { get; set; }
    /// <summary>The process's own start time, to tell it apart from a later process that reused the pid.</summary>
    public DateTimeOffset? ProcessStartTime { get; set; }
    public int Port { get; set; }
    public string Url { get; set; } = "";
    public DateTimeOffset StartTime { get; set; }
    public string LogFile { get; set; } = "";
    public string WorkingDirectory { get; set; } = "";
    /// <summary>The run's copy of the project; deleted when no recorded service uses it any more.</summary>
    public string Workspace { get; set; } = "";
    public string? Source { get; set; }
    public string? Branch { get; set; }
    public string? Commit { get; set; }
    public string RunId { get; set; } = "";
}
