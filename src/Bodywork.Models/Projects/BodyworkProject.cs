namespace Bodywork.Models.Projects;

/// <summary>A Bodywork project (bodywork.ini plus the config.ini of every stage the DAG names).</summary>
public sealed class BodyworkProject
{
    public required string Name { get; init; }
    public required string Image { get; init; }
    public required string LogLevel { get; init; }
    /// <summary>Full path of the project root (the folder holding bodywork.ini).</summary>
    public required string Path { get; init; }
    /// <summary>The DAG as written in bodywork.ini.</summary>
    public required string Dag { get; init; }
    /// <summary>Steps in order; each is the ordered list of stage names that run in parallel.</summary>
    public required IReadOnlyList<IReadOnlyList<string>> Steps { get; init; }
    /// <summary>Every distinct stage the DAG names, in first-appearance order.</summary>
    public required IReadOnlyList<BodyworkStage> Stages { get; init; }

    public BodyworkStage GetStage(string name) =>
        Stages.FirstOrDefault(s => s.Name == name)
        ?? throw new KeyNotFoundException($"stage '{name}' is not part of project '{Name}'");

    public int StepCount => Steps.Count;
    public int StageCount => Stages.Count;
}
