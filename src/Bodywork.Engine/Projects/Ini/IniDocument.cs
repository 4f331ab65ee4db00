namespace Bodywork.Engine.Projects.Ini;

/// <summary>
/// A parsed INI file with configparser semantics: case-sensitive sections, case-insensitive keys,
/// <c>[DEFAULT]</c> keys inherited by every section, <c>$</c> interpolation applied when a value is read.
/// </summary>
internal sealed class IniDocument
{
    public const string DefaultSectionName = "DEFAULT";

    private readonly Dictionary<string, IniSection> _sections;

    internal IniDocument(IReadOnlyList<IniSection> sections, IniSection defaults, IReadOnlyList<IniError> errors, bool isText = true)
    {
        Sections = sections;
        Defaults = defaults;
        Errors = errors;
        IsText = isText;
        _sections = sections.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    /// <summary>Ordinary sections in file order (not <c>[DEFAULT]</c>).</summary>
    public IReadOnlyList<IniSection> Sections { get; }

    /// <summary>The <c>[DEFAULT]</c> section (empty when the file has none).</summary>
    public IniSection Defaults { get; }

    /// <summary>False when the bytes were not UTF-8 text: nothing was read, and <see cref="Errors"/> says why.</summary>
    public bool IsText { get; }

    /// <summary>Syntax errors found while reading; the document holds whatever could be read.</summary>
    public IReadOnlyList<IniError> Errors { get; }

    public IniSection? GetSection(string name) =>
        name == DefaultSectionName ? Defaults : _sections.GetValueOrDefault(name);

    /// <summary>The entry for <paramref name="key"/> in <paramref name="section"/>, or inherited from [DEFAULT].</summary>
    public IniEntry? FindEntry(string section, string key)
    {
        var s = GetSection(section);
        return s is null ? null : s.Find(key) ?? Defaults.Find(key);
    }

    /// <summary>Reads and interpolates a value. Null when the section or key does not exist.</summary>
    public IniValue? Get(string section, string key)
    {
        var entry = FindEntry(section, key);
        if (entry is null)
        {
            return null;
        }
        var (value, error) = IniInterpolation.Interpolate(this, section, entry);
        return new IniValue(entry, value, error);
    }
}

/// <summary>A value read from an <see cref="IniDocument"/>: interpolated, or an interpolation error.</summary>
internal sealed record IniValue(IniEntry Entry, string? Value, string? Error);
