namespace Bodywork.Models.Management;

/// <summary>A Secret in a Bodywork namespace: its keys, never its values.</summary>
public sealed class BodyworkSecret
{
    public required string Name { get; init; }
    public required string Namespace { get; init; }

    /// <summary>The secret's keys (environment variable names for the stages), sorted.</summary>
    public required IReadOnlyList<string> Keys { get; init; }

    /// <summary>Secret type, e.g. Opaque.</summary>
    public string? Type { get; init; }

    /// <summary>True when the secret carries the Bodywork managed-by label (created by Bodywork).</summary>
    public bool ManagedByBodywork { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>The keys as one comma-separated string, for table views.</summary>
    public string KeyList => string.Join(", ", Keys);

    public override string ToString() => $"{Namespace}/{Name}";
}
