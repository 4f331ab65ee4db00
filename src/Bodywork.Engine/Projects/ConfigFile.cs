using Bodywork.Engine.Projects.Ini;
using Bodywork.Engine.Validation;

namespace Bodywork.Engine.Projects;

/// <summary>
/// One INI file of a project (bodywork.ini or a stage's config.ini) with typed getters that report
/// every problem — missing sections and keys, bad values — as an issue naming file, line and key.
/// </summary>
internal sealed class ConfigFile
{
    private readonly HashSet<string> _reportedMissingSections = new(StringComparer.Ordinal);

    private ConfigFile(string relativePath, IniDocument document, ProjectIssueList issues)
    {
        RelativePath = relativePath;
        Document = document;
        Issues = issues;
    }

    /// <summary>Path relative to the project root with '/' separators.</summary>
    public string RelativePath { get; }

    public IniDocument Document { get; }

    public ProjectIssueList Issues { get; }

    /// <summary>Reads and parses the file; null (with an issue) when it is missing, unreadable or not UTF-8 text.</summary>
    public static ConfigFile? Load(string fullPath, string relativePath, ProjectIssueList issues)
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(fullPath))
            {
                issues.Add(relativePath, null, null, null, $"no config file found at {relativePath}");
                return null;
            }
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            issues.Add(relativePath, null, null, null, $"cannot read {relativePath}: {e.Message}");
            return null;
        }
        var document = IniParser.Parse(bytes);
        foreach (var error in document.Errors)
        {
            issues.Add(relativePath, error.Line, error.Section, error.Key, error.Message);
        }
        // A file that is not text has no sections to check: "missing section" issues would only be noise.
        return document.IsText ? new ConfigFile(relativePath, document, issues) : null;
    }

    public bool HasSection(string section) => Document.GetSection(section) is not null;

    /// <summary>Reports the section as missing (once) when it is absent.</summary>
    public bool RequireSection(string section, string? why = null)
    {
        if (HasSection(section))
        {
            return true;
        }
        if (_reportedMissingSections.Add(section))
        {
            Issues.Add(RelativePath, null, section, null,
                $"missing section [{section}] in {RelativePath}{(why is null ? "" : " " + why)}");
        }
        return false;
    }

    /// <summary>
    /// The interpolated value with matching surrounding quotes removed, or null when the key is absent
    /// (reported when <paramref name="required"/>) or cannot be interpolated (always reported).
    /// </summary>
    public ConfigValue? GetString(string section, string key, bool required = true)
    {
        if (!RequireSection(section) && required)
        {
            return null;
        }
        var value = Document.Get(section, key);
        if (value is null)
        {
            if (required)
            {
                Issues.Add(RelativePath, Document.GetSection(section)?.Line, section, key,
                    $"missing key {key} in section [{section}] of {RelativePath}");
            }
            return null;
        }
        if (value.Error is not null)
        {
            Issues.Add(RelativePath, value.Entry.Line, section, key, value.Error);
            return null;
        }
        return new ConfigValue(section, key, Unquote(value.Value!).Trim(), value.Entry.Line);
    }

    /// <summary>A non-empty string value.</summary>
    public ConfigValue? GetNonEmpty(string section, string key, string expected)
    {
        var value = GetString(section, key);
        if (value is not null && value.Text.Length == 0)
        {
            Report(value, $"expected {expected}, found an empty value");
            return null;
        }
        return value;
    }

    /// <summary>A whole number (Python <c>int()</c> syntax) in [min, max].</summary>
    public long? GetInt(string section, string key, long min, long max) => ParseInt(GetString(section, key), min, max);

    public long? ParseInt(ConfigValue? value, long min, long max)
    {
        if (value is null)
        {
            return null;
        }
        var expected = max == long.MaxValue ? $"a whole number >= {min}" : $"a whole number from {min} to {max}";
        if (!PythonNumbers.TryParseInt(value.Text, out var number) || number < min || number > max)
        {
            Report(value, $"expected {expected}, found {Quote(value.Text)}");
            return null;
        }
        return number;
    }

    /// <summary>A finite number &gt;= 0 (Python <c>float()</c> syntax).</summary>
    public double? GetNonNegativeFloat(string section, string key, string unit)
    {
        var value = GetString(section, key);
        if (value is null)
        {
            return null;
        }
        if (!PythonNumbers.TryParseFloat(value.Text, out var number) || number < 0)
        {
            Report(value, $"expected a number of {unit} >= 0 (0 = no request), found {Quote(value.Text)}");
            return null;
        }
        return number;
    }

    public void Report(ConfigValue value, string message) =>
        Issues.Add(RelativePath, value.Line, value.Section, value.Key, message);

    public static string Quote(string text) => text.Length <= 60 ? $"'{text}'" : $"'{text[..60]}...'";

    /// <summary>The original's docs write values in quotes (<c>STAGE_TYPE="batch"</c>); we accept them.</summary>
    private static string Unquote(string text) =>
        text.Length >= 2 && (text[0] is '"' or '\'') && text[^1] == text[0] ? text[1..^1] : text;
}

/// <summary>A value read from a config file, with where it was found.</summary>
internal sealed record ConfigValue(string Section, string Key, string Text, int Line);
