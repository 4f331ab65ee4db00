using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Management;

/// <summary>
/// Order-insensitive text forms of RBAC content, so set-up can tell "already as wanted" from "differs"
/// without caring how the server orders lists.
/// </summary>
internal static class Fingerprint
{
    public static string Rules(IReadOnlyList<PolicyRule>? rules) =>
        string.Join(";", (rules ?? []).Select(r => string.Join("|",
                Sorted(r.ApiGroups), Sorted(r.Resources), Sorted(r.ResourceNames), Sorted(r.Verbs), Sorted(r.NonResourceURLs)))
            .Order(StringComparer.Ordinal));

    public static string Binding(RoleRef roleRef, IReadOnlyList<Subject>? subjects) =>
        $"{roleRef.Kind}/{roleRef.Name}:" + string.Join(";", (subjects ?? [])
            .Select(s => $"{s.Kind}/{s.Namespace}/{s.Name}").Order(StringComparer.Ordinal));

    private static string Sorted(IReadOnlyList<string>? values) => string.Join(",", (values ?? []).Order(StringComparer.Ordinal));
}
