namespace Bodywork.Models.Management;

/// <summary>
/// A namespace and its Bodywork set-up (service accounts, roles, bindings): what New-BodyworkNamespace
/// found or created, or what Get-BodyworkNamespace sees. <see cref="Namespace"/> repeats <see cref="Name"/>
/// so that <c>Get-BodyworkNamespace | Get-BodyworkSecret</c> binds by property name.
/// </summary>
public sealed class BodyworkNamespace
{
    public required string Name { get; init; }

    /// <summary>Same as <see cref="Name"/>: lets the object bind to every -Namespace parameter.</summary>
    public string Namespace => Name;

    /// <summary>True when the namespace exists and the objects the workflow checks for are all present.</summary>
    public required bool IsReady { get; init; }

    /// <summary>Namespace phase (Active, Terminating), when known.</summary>
    public string? Phase { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>Objects this call created, as <c>kind/name</c> (empty for Get, and on a re-run).</summary>
    public IReadOnlyList<string> Created { get; init; } = [];

    /// <summary>Objects that differed from the least-privilege definition and were updated, as <c>kind/name</c>.</summary>
    public IReadOnlyList<string> Updated { get; init; } = [];

    /// <summary>Objects that were already as wanted, as <c>kind/name</c>.</summary>
    public IReadOnlyList<string> Existing { get; init; } = [];

    /// <summary>Objects the readiness check found missing, as <c>kind/name</c> (empty when ready).</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];

    /// <summary>True when this call changed anything in the cluster.</summary>
    public bool Changed => Created.Count > 0 || Updated.Count > 0;

    public override string ToString() => Name;
}
