using Bodywork.Models.Projects;

namespace Bodywork.Models.Errors;

/// <summary>A project failed validation; carries every issue found, not just the first.</summary>
public sealed class BodyworkProjectInvalidException : BodyworkException
{
    public BodyworkProjectInvalidException(string path, IReadOnlyList<BodyworkProjectIssue> issues)
        : base(BodyworkErrorIds.ConfigInvalid, BodyworkErrorCategory.InvalidData, BuildMessage(path, issues), path,
            "Fix the listed keys in bodywork.ini and the stages' config.ini files, then run Test-BodyworkProject again.")
    {
        Path = path;
        Issues = issues;
    }

    public string Path { get; }
    public IReadOnlyList<BodyworkProjectIssue> Issues { get; }

    private static string BuildMessage(string path, IReadOnlyList<BodyworkProjectIssue> issues) =>
        $"The Bodywork project at '{path}' is invalid ({issues.Count} issue{(issues.Count == 1 ? "" : "s")}):"
        + string.Concat(issues.Select(i => Environment.NewLine + "  " + i));
}
