namespace Bodywork.Engine.Projects.Ini;

/// <summary>A problem found while reading an INI file or one of its values.</summary>
internal sealed record IniError(int? Line, string? Section, string? Key, string Message);
