using System.Globalization;
using System.Text;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>Builds "path?k=v&amp;…" with every value URL-encoded (selectors contain '=', ',', '(', '!').</summary>
internal sealed class QueryString
{
    private readonly StringBuilder _sb;
    private bool _first = true;

    public QueryString(string path) => _sb = new StringBuilder(path);

    public QueryString Add(string key, string? value)
    {
        if (value is null)
        {
            return this;
        }

        _sb.Append(_first ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
        _first = false;
        return this;
    }

    public QueryString Add(string key, long? value) =>
        value is null ? this : Add(key, value.Value.ToString(CultureInfo.InvariantCulture));

    public QueryString AddFlag(string key, bool value) => value ? Add(key, "true") : this;

    public override string ToString() => _sb.ToString();
}
