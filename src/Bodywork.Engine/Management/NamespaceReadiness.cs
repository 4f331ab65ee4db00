namespace Bodywork.Engine.Management;

/// <summary>
/// Result of the "namespace is set up for Bodywork" check (spec §3.1): whether the namespace exists and
/// which of the objects a workflow needs are missing.
/// </summary>
/// <param name="Namespace">The namespace checked.</param>
/// <param name="Exists">False when the namespace itself is missing.</param>
/// <param name="Missing">Missing objects as <c>kind/name</c> (ServiceAccount/..., ClusterRoleBinding/...).</param>
public sealed record NamespaceReadiness(string Namespace, bool Exists, IReadOnlyList<string> Missing)
{
    /// <summary>True when the namespace exists and nothing is missing.</summary>
    public bool IsReady => Exists && Missing.Count == 0;

    /// <summary>
    /// The original's printed lines, in its order: <c>namespace=NS does not exist</c>; or
    /// <c>namespace=NS is setup for use by Bodywork</c>; or one line per missing object.
    /// </summary>
    public IReadOnlyList<string> Messages => !Exists
        ? [$"namespace={Namespace} does not exist"]
        : Missing.Count == 0
            ? [$"namespace={Namespace} is setup for use by Bodywork"]
            : Missing.Select(Describe).ToList();

    private string Describe(string item)
    {
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var (kind, name) = (item[..slash], item[(slash + 1)..]);
        return kind switch
        {
            "ServiceAccount" => $"service-account={name} is missing from namespace={Namespace}",
            "ClusterRoleBinding" => $"cluster-role-binding={name} is missing",
            _ => $"{kind}={name} is missing from namespace={Namespace}",
        };
    }
}
