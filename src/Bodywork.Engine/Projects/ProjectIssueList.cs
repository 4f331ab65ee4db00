using Bodywork.Models.Projects;

namespace Bodywork.Engine.Projects;

/// <summary>Collects every problem found in a project, in the order found.</summary>
internal sealed class ProjectIssueList
{
    private readonly List<BodyworkProjectIssue> _issues = [];

    public IReadOnlyList<BodyworkProjectIssue> Items => _issues;

    public int Count => _issues.Count;

    public void Add(string file, int? line, string? section, string? key, string message) =>
        _issues.Add(new BodyworkProjectIssue(file, line, section, key, message));
}
