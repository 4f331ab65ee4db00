namespace Bodywork.Engine.Projects.Ini;

/// <summary>One <c>key = value</c> of an INI section, before interpolation.</summary>
internal sealed class IniEntry
{
    public IniEntry(string key, string rawValue, int line)
    {
        Key = key;
        RawValue = rawValue;
        Line = line;
    }

    /// <summary>The key as written (configparser compares keys case-insensitively).</summary>
    public string Key { get; }

    /// <summary>The value with continuation lines joined by '\n', not yet interpolated.</summary>
    public string RawValue { get; internal set; }

    /// <summary>1-based line of the key.</summary>
    public int Line { get; }
}
