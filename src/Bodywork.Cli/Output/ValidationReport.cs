using Bodywork.Models.Projects;

namespace Bodywork.Cli.Output;

/// <summary>The JSON shape of <c>bodywork validate --output json</c> (stable: scripts parse it).</summary>
public sealed record ValidationReport(string Path, bool Valid, int IssueCount, IReadOnlyList<IssueReport> Issues, ProjectReport? Project)
{
    public static ValidationReport From(BodyworkValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Path, result.IsValid, result.IssueCount,
            result.Issues.Select(i => new IssueReport(i.File, i.Line, i.Section, i.Key, i.Message)).ToList(),
            result.Project is { } p ? ProjectReport.From(p) : null);
    }
}

public sealed record IssueReport(string File, int? Line, string? Section, string? Key, string Message);

public sealed record ProjectReport(string Name, string Image, string LogLevel, string Dag,
    IReadOnlyList<IReadOnlyList<string>> Steps, IReadOnlyList<StageReport> Stages)
{
    public static ProjectReport From(BodyworkProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new(project.Name, project.Image, project.LogLevel, project.Dag, project.Steps,
            project.Stages.Select(StageReport.From).ToList());
    }
}

public sealed record StageReport(string Name, string Kind, string ObjectName, string ExecutableScript, string? RequirementsFile,
    double CpuRequest, long MemoryRequestMB, int? Retries, int? MaxCompletionTimeSeconds, int? Replicas, int? Port,
    int? MaxStartupTimeSeconds, IReadOnlyList<SecretReport> Secrets)
{
    public static StageReport From(BodyworkStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return new(stage.Name, stage.Kind == StageKind.Batch ? "batch" : "service", stage.ObjectName, stage.ExecutableScript,
            stage.RequirementsFile, stage.CpuRequest, stage.MemoryRequestMB, stage.Retries, stage.MaxCompletionTimeSeconds,
            stage.Replicas, stage.Port, stage.MaxStartupTimeSeconds,
            stage.Secrets.Select(s => new SecretReport(s.EnvironmentVariable, s.SecretName)).ToList());
    }
}

public sealed record SecretReport(string EnvironmentVariable, string SecretName);
