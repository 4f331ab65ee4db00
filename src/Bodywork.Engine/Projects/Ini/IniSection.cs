namespace Bodywork.Engine.Projects.Ini;

/// <summary>A section of an INI file: its own entries in file order, keys compared case-insensitively.</summary>
internal sealed class IniSection
{
    private readonly Dictionary<string, IniEntry> _byKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IniEntry> _entries = [];

    public IniSection(string name, int line)
    {
        Name = name;
        Line = line;
    }

    /// <summary>The name between the brackets, as written (section names are case-sensitive).</summary>
    public string Name { get; }

    /// <summary>1-based line of the <c>[name]</c> header.</summary>
    public int Line { get; }

    public IReadOnlyList<IniEntry> Entries => _entries;

    public IniEntry? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>Adds an entry; returns false when the key is already present (configparser's strict mode rejects it).</summary>
    internal bool TryAdd(IniEntry entry)
    {
        if (!_byKey.TryAdd(entry.Key, entry))
        {
            return false;
        }
        _entries.Add(entry);
        return true;
    }
}
