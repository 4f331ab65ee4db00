namespace Bodywork.Models.Projects;

/// <summary>A stage directory and its config.ini, as loaded and validated.</summary>
public sealed class BodyworkStage
{
    public required string Name { get; init; }
    public required string ProjectName { get; init; }
    public required StageKind Kind { get; init; }
    /// <summary>Full path of the stage directory.</summary>
    public required string Directory { get; init; }
    /// <summary>EXECUTABLE_SCRIPT, relative to the stage directory, with '/' separators.</summary>
    public required string ExecutableScript { get; init; }
    /// <summary>requirements.txt relative to the stage directory, or null when the stage has none.</summary>
    public string? RequirementsFile { get; init; }
    /// <summary>CPU cores requested; 0 means no request.</summary>
    public double CpuRequest { get; init; }
    /// <summary>Memory requested in megabytes (10^6 bytes); 0 means no request.</summary>
    public long MemoryRequestMB { get; init; }
    /// <summary>Batch only: retries after the first failed attempt.</summary>
    public int? Retries { get; init; }
    /// <summary>Batch only: deadline of the whole job.</summary>
    public int? MaxCompletionTimeSeconds { get; init; }
    /// <summary>Service only.</summary>
    public int? Replicas { get; init; }
    /// <summary>Service only.</summary>
    public int? Port { get; init; }
    /// <summary>Service only: how long the rollout may take to become ready.</summary>
    public int? MaxStartupTimeSeconds { get; init; }
    public IReadOnlyList<StageSecret> Secrets { get; init; } = [];

    /// <summary>The Kubernetes object name, <c>&lt;project&gt;--&lt;stage&gt;</c>.</summary>
    public string ObjectName => $"{ProjectName}--{Name}";
}
