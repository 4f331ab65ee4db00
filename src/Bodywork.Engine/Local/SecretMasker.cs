namespace Bodywork.Engine.Local;

/// <summary>Replaces secret values in stage output with <c>***</c> (as CI systems do), so a stage that prints one does not leak it.</summary>
internal sealed class SecretMasker
{
    private readonly string[] _values;

    public SecretMasker(IEnumerable<string> values) =>
        // Longest first, so a value containing another is masked whole; very short values would mask noise.
        _values = values.Where(v => v.Length >= 3).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length).ToArray();

    public string Mask(string line)
    {
        foreach (var value in _values)
        {
            if (line.Contains(value, StringComparison.Ordinal))
            {
                line = line.Replace(value, "***", StringComparison.Ordinal);
            }
        }

        return line;
    }
}
