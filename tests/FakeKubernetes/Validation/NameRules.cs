using System.Text.RegularExpressions;

namespace FakeKubernetes;

/// <summary>apimachinery's name and label rules (k8s.io/apimachinery/pkg/util/validation), with its error wording.</summary>
internal static partial class NameRules
{
    private const string Dns1123LabelMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private const string Dns1123SubdomainMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private const string Dns1035LabelMsg = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    private const string QualifiedNameMsg = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    private const string LabelValueMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123LabelRegex();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123SubdomainRegex();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035LabelRegex();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedNameRegex();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValueRegex();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigMapKeyRegex();

    public static List<string> Dns1123Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > 63) errors.Add("must be no more than 63 characters");
        if (!Dns1123LabelRegex().IsMatch(value)) errors.Add(Dns1123LabelMsg);
        return errors;
    }

    public static List<string> Dns1123Subdomain(string value)
    {
        var errors = new List<string>();
        if (value.Length > 253) errors.Add("must be no more than 253 characters");
        if (!Dns1123SubdomainRegex().IsMatch(value)) errors.Add(Dns1123SubdomainMsg);
        return errors;
    }

    public static List<string> Dns1035Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > 63) errors.Add("must be no more than 63 characters");
        if (!Dns1035LabelRegex().IsMatch(value)) errors.Add(Dns1035LabelMsg);
        return errors;
    }

    public static List<string> PathSegment(string value)
    {
        if (value is "." or "..") return [$"may not be '{value}'"];
        if (value.Contains('/', StringComparison.Ordinal)) return ["may not contain '/'"];
        if (value.Contains('%', StringComparison.Ordinal)) return ["may not contain '%'"];
        return [];
    }

    public static List<string> ForRule(NameRule rule, string value) => rule switch
    {
        NameRule.Dns1123Label => Dns1123Label(value),
        NameRule.Dns1035Label => Dns1035Label(value),
        NameRule.PathSegment => PathSegment(value),
        _ => Dns1123Subdomain(value),
    };

    /// <summary>Label/annotation keys: optional DNS subdomain prefix + '/' + name part ≤63.</summary>
    public static List<string> QualifiedName(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0) errors.Add("prefix part must be non-empty");
                else errors.AddRange(Dns1123Subdomain(prefix).Select(e => "prefix part " + e));
                break;
            default:
                return ["a qualified name " + QualifiedNameMsg[10..] + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
        }
        if (name.Length == 0) errors.Add("name part must be non-empty");
        else if (name.Length > 63) errors.Add("name part must be no more than 63 characters");
        if (name.Length > 0 && !QualifiedNameRegex().IsMatch(name)) errors.Add(QualifiedNameMsg);
        return errors;
    }

    public static List<string> LabelValue(string value)
    {
        var errors = new List<string>();
        if (value.Length > 63) errors.Add("must be no more than 63 characters");
        if (!LabelValueRegex().IsMatch(value)) errors.Add(LabelValueMsg);
        return errors;
    }

    public static List<string> SecretKey(string value) =>
        ConfigMapKeyRegex().IsMatch(value) ? [] : ["a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"];
}
