namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>metadata of every object (only the fields Bodywork reads or writes).</summary>
public sealed record ObjectMeta
{
    public string? Name { get; init; }
    public string? GenerateName { get; init; }
    public string? Namespace { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>Server-set. Opaque: compare for equality only.</summary>
    public string? Uid { get; init; }

    /// <summary>Server-set. Opaque: compare for equality only, never numerically.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Bumped by the server on spec changes; controllers echo it as status.observedGeneration.</summary>
    public long? Generation { get; init; }

    public DateTimeOffset? CreationTimestamp { get; init; }

    /// <summary>Set while the object is being deleted (finalizers, foreground deletion).</summary>
    public DateTimeOffset? DeletionTimestamp { get; init; }

    public IReadOnlyList<OwnerReference>? OwnerReferences { get; init; }
    public IReadOnlyList<string>? Finalizers { get; init; }
}

/// <summary>metadata.ownerReferences[]: who owns (and garbage-collects) an object.</summary>
public sealed record OwnerReference
{
    public string ApiVersion { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
    public string Uid { get; init; } = "";

    /// <summary>True for the managing controller (the Deployment of a ReplicaSet, the CronJob of a Job).</summary>
    public bool? Controller { get; init; }

    public bool? BlockOwnerDeletion { get; init; }
}

/// <summary>metadata of a list response: the resourceVersion to watch from and the paging token.</summary>
public sealed record ListMeta
{
    public string? ResourceVersion { get; init; }

    /// <summary>Token for the next page; null or empty on the last page.</summary>
    public string? Continue { get; init; }

    public long? RemainingItemCount { get; init; }
}
