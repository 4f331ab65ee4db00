using Bodywork.Models.Projects;

namespace Bodywork.Engine.Workflows;

/// <summary>Everything about one workflow run that an executor may need (read-only).</summary>
public sealed class WorkflowExecutionContext
{
    /// <summary>The loaded, valid project (its Path is the clone/copy the stages run from).</summary>
    public required BodyworkProject Project { get; init; }
    /// <summary>Git URL or local path the project came from (for logs and the result).</summary>
    public required string Source { get; init; }
    /// <summary>Branch cloned, or null for a plain folder.</summary>
    public string? Branch { get; init; }
    /// <summary>Commit hash, or null for a plain folder.</summary>
    public string? Commit { get; init; }
    /// <summary>Kubernetes namespace, or null for a local run.</summary>
    public string? Namespace { get; init; }
    /// <summary>Unique id of this run (sortable: UTC time + random suffix), for naming scratch files.</summary>
    public string RunId { get; init; } = NewRunId();

    /// <summary>A new run id: UTC time (sortable) and a random suffix.</summary>
    public static string NewRunId() => $"{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
}
