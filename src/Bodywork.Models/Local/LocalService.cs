namespace Bodywork.Models.Local;

/// <summary>
/// A service stage started by a local workflow run (Invoke-BodyworkWorkflow -Local), as recorded in the
/// per-user state folder. Get-BodyworkService -Local lists these; Remove-BodyworkService -Local stops them.
/// </summary>
public sealed class LocalService
{
    /// <summary>PROJECT_NAME.</summary>
    public required string Project { get; init; }
    /// <summary>Stage (directory) name.</summary>
    public required string Stage { get; init; }
    /// <summary><c>&lt;project&gt;--&lt;stage&gt;</c>, the name the cluster variant would use.</summary>
    public string Name => $"{Project}--{Stage}";
    /// <summary>Process id of the service (leader of its own process group on Unix).</summary>
    public required int ProcessId { get; init; }
    public required int Port { get; init; }
    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public required string Url { get; init; }
    public required DateTimeOffset StartTime { get; init; }
    /// <summary>File receiving the service's stdout and stderr.</summary>
    public required string LogFile { get; init; }
    /// <summary>The stage directory it runs in (inside the run's copy of the project).</summary>
    public required string WorkingDirectory { get; init; }
    /// <summary>The repo URL or path the project came from.</summary>
    public string? Source { get; init; }
    public string? Branch { get; init; }
    public string? Commit { get; init; }
    /// <summary>Checked when listed: Running when the recorded process is still the one started.</summary>
    public required LocalServiceStatus Status { get; init; }
}
