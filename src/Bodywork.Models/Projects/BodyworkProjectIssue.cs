namespace Bodywork.Models.Projects;

/// <summary>One problem found while validating a project: where it is and what was expected.</summary>
public sealed class BodyworkProjectIssue
{
    public BodyworkProjectIssue(string file, int? line, string? section, string? key, string message)
    {
        File = file;
        Line = line;
        Section = section;
        Key = key;
        Message = message;
    }

    /// <summary>Path relative to the project root, with '/' separators (e.g. <c>train/config.ini</c>).</summary>
    public string File { get; }
    public int? Line { get; }
    public string? Section { get; }
    public string? Key { get; }
    public string Message { get; }

    /// <summary><c>file:line: KEY: message</c>; line and key are left out when unknown.</summary>
    public override string ToString()
    {
        var where = Line is int l ? $"{File}:{l}" : File;
        return Key is null ? $"{where}: {Message}" : $"{where}: {Key}: {Message}";
    }
}
