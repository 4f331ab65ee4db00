using System.Text.RegularExpressions;

namespace Bodywork.Engine.Validation;

/// <summary>
/// OCI / Docker image references as the distribution "reference" grammar defines them:
/// <c>[host[:port]/]path[:tag][@algo:hex]</c>. Registry hosts, single-segment names and digests are
/// all allowed; nothing is looked up on a registry.
/// </summary>
public static partial class ImageReference
{
    private const int MaxNameLength = 255;

    // Grammar from github.com/distribution/reference (regexp.go).
    private const string Alnum = "[a-z0-9]+";
    private const string Separator = "(?:[._]|__|[-]+)";
    private const string PathComponent = Alnum + "(?:" + Separator + Alnum + ")*";
    private const string DomainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private const string Domain = "(?:" + DomainComponent + "(?:\\." + DomainComponent + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";

    [GeneratedRegex("^" + PathComponent + "(?:/" + PathComponent + ")*$", RegexOptions.CultureInvariant)]
    private static partial Regex PathRegex();

    [GeneratedRegex("^" + Domain + "$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainRegex();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagRegex();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$", RegexOptions.CultureInvariant)]
    private static partial Regex DigestRegex();

    public static bool IsValid(string? reference) => Validate(reference) is null;

    /// <summary>Returns what is wrong with <paramref name="reference"/>, or null when it is a valid image reference.</summary>
    public static string? Validate(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return "must not be empty";
        }
        if (reference.Any(char.IsWhiteSpace))
        {
            return "must not contain whitespace";
        }
        var rest = reference;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var digest = rest[(at + 1)..];
            if (!DigestRegex().IsMatch(digest))
            {
                return $"has an invalid digest '{digest}' (expected ALGORITHM:HEX, e.g. sha256: and 64 hex digits)";
            }
            rest = rest[..at];
        }
        var lastSlash = rest.LastIndexOf('/');
        var lastColon = rest.LastIndexOf(':');
        if (lastColon > lastSlash)
        {
            var tag = rest[(lastColon + 1)..];
            if (!TagRegex().IsMatch(tag))
            {
                return $"has an invalid tag '{tag}' (expected up to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-')";
            }
            rest = rest[..lastColon];
        }
        if (rest.Length == 0)
        {
            return "has no repository name";
        }
        if (rest.Length > MaxNameLength)
        {
            return $"has a name longer than {MaxNameLength} characters";
        }
        var firstSlash = rest.IndexOf('/', StringComparison.Ordinal);
        var path = rest;
        if (firstSlash >= 0)
        {
            var first = rest[..firstSlash];
            // Like Docker: the first component is a registry host when it looks like one.
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal)
                || first == "localhost" || first.Any(char.IsUpper))
            {
                if (!DomainRegex().IsMatch(first))
                {
                    return $"has an invalid registry host '{first}'";
                }
                path = rest[(firstSlash + 1)..];
            }
        }
        return PathRegex().IsMatch(path)
            ? null
            : $"has an invalid repository name '{path}' (expected lower-case components of letters and digits separated by '/', '.', '_', '__' or '-')";
    }
}
