namespace Bodywork.Models.Projects;

/// <summary>What Test-BodyworkProject -Detailed returns.</summary>
public sealed class BodyworkValidationResult
{
    public BodyworkValidationResult(string path, IReadOnlyList<BodyworkProjectIssue> issues, BodyworkProject? project)
    {
        Path = path;
        Issues = issues;
        Project = project;
    }

    public string Path { get; }
    public bool IsValid => Issues.Count == 0;
    public int IssueCount => Issues.Count;
    public IReadOnlyList<BodyworkProjectIssue> Issues { get; }
    /// <summary>The loaded project when valid, else null.</summary>
    public BodyworkProject? Project { get; }
    public string? ProjectName => Project?.Name;
}
