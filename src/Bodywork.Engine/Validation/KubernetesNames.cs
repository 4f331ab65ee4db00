using System.Text.RegularExpressions;

namespace Bodywork.Engine.Validation;

/// <summary>
/// The name rules the Kubernetes API server enforces (apimachinery's validation package), so that bad
/// names are reported before anything is sent. Validate* methods return an error message or null.
/// </summary>
public static partial class KubernetesNames
{
    public const int MaxLabelLength = 63;
    public const int MaxSubdomainLength = 253;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123LabelRegex();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1035LabelRegex();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123SubdomainRegex();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValueRegex();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigMapKeyRegex();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvVarNameRegex();

    public static bool IsDns1123Label(string? value) => ValidateDns1123Label(value) is null;
    public static bool IsDns1123Subdomain(string? value) => ValidateDns1123Subdomain(value) is null;
    public static bool IsDns1035Label(string? value) => ValidateDns1035Label(value) is null;
    public static bool IsLabelValue(string? value) => ValidateLabelValue(value) is null;
    public static bool IsSecretKey(string? value) => ValidateSecretKey(value) is null;
    public static bool IsEnvVarName(string? value) => ValidateEnvVarName(value) is null;

    /// <summary>Names of most objects (Jobs, Deployments, Pods' containers, namespaces): RFC 1123 label.</summary>
    public static string? ValidateDns1123Label(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "must not be empty";
        }
        if (value.Length > MaxLabelLength)
        {
            return $"must be no more than {MaxLabelLength} characters (it has {value.Length})";
        }
        return Dns1123LabelRegex().IsMatch(value)
            ? null
            : "must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (a DNS-1123 label)";
    }

    /// <summary>Names of Services (and anything that must also be a DNS name that starts with a letter): RFC 1035 label.</summary>
    public static string? ValidateDns1035Label(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "must not be empty";
        }
        if (value.Length > MaxLabelLength)
        {
            return $"must be no more than {MaxLabelLength} characters (it has {value.Length})";
        }
        return Dns1035LabelRegex().IsMatch(value)
            ? null
            : "must consist of lower case alphanumeric characters or '-', start with a letter and end with an alphanumeric character (a DNS-1035 label)";
    }

    /// <summary>Names of Secrets, ConfigMaps, ServiceAccounts, Roles: RFC 1123 subdomain.</summary>
    public static string? ValidateDns1123Subdomain(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "must not be empty";
        }
        if (value.Length > MaxSubdomainLength)
        {
            return $"must be no more than {MaxSubdomainLength} characters (it has {value.Length})";
        }
        return Dns1123SubdomainRegex().IsMatch(value)
            ? null
            : "must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (a DNS-1123 subdomain)";
    }

    /// <summary>Values of labels (may be empty).</summary>
    public static string? ValidateLabelValue(string? value)
    {
        value ??= "";
        if (value.Length > MaxLabelLength)
        {
            return $"must be no more than {MaxLabelLength} characters (it has {value.Length})";
        }
        return LabelValueRegex().IsMatch(value)
            ? null
            : "must be empty or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    }

    /// <summary>Keys of a Secret's data.</summary>
    public static string? ValidateSecretKey(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "must not be empty";
        }
        if (value.Length > MaxSubdomainLength)
        {
            return $"must be no more than {MaxSubdomainLength} characters (it has {value.Length})";
        }
        if (value is "." or "..")
        {
            return "must not be '.' or '..'";
        }
        return ConfigMapKeyRegex().IsMatch(value)
            ? null
            : "must consist of alphanumeric characters, '-', '_' or '.'";
    }

    /// <summary>Environment variable names that every shell can use (Kubernetes itself is more lenient).</summary>
    public static string? ValidateEnvVarName(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "must not be empty";
        }
        return EnvVarNameRegex().IsMatch(value)
            ? null
            : "must consist of letters, digits and '_', and must not start with a digit";
    }
}
