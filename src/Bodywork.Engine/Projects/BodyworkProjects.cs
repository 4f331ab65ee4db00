using Bodywork.Models.Errors;
using Bodywork.Models.Projects;

namespace Bodywork.Engine.Projects;

/// <summary>Entry points for reading a Bodywork project from disk.</summary>
public static class BodyworkProjects
{
    /// <summary>
    /// Reads and validates the project at <paramref name="path"/> (a folder holding bodywork.ini, or
    /// the bodywork.ini file itself). Never throws for a bad project: every problem is an issue.
    /// </summary>
    public static BodyworkValidationResult Validate(string path) => ProjectReader.Read(path);

    /// <summary>Like <see cref="Validate"/>, but returns the project or throws <see cref="BodyworkProjectInvalidException"/>.</summary>
    public static BodyworkProject Load(string path)
    {
        var result = Validate(path);
        return result.Project ?? throw new BodyworkProjectInvalidException(result.Path, result.Issues);
    }
}
