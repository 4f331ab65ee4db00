namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>metadata of every object (only the fields Bodywork reads or writes).</summary>
public sealed record ObjectMeta
{
    public string? Name { get; set; }
    public string? GenerateName { get; set; }
    public string? Namespace { get; set; }
    public IReadOnlyDictionary<string, string>? Labels { get; set; }
    public IReadOnlyDictionary<string, string>? Annotations { get; set; }

    /// <summary>Server-set. Opaque: compare for equality only.</summary>
    public string? Uid { get; set; }

    /// <summary>Server-set. Opaque: compare for equality only, never numerically.</summary>
    public string? ResourceVersion { get; set; }

    /// <summary>Bumped by the server on spec changes; controllers echo it as status.observedGeneration.</summary>
    public long? Generation { get; set; }

    public DateTimeOffset? CreationTimestamp { get; set; }

    /// <summary>Set while the object is being deleted (finalizers, foreground deletion).</summary>
    public DateTimeOffset? DeletionTimestamp { get; set; }

    public IReadOnlyList<OwnerReference>? OwnerReferences { get; set; }
    public IReadOnlyList<string>? Finalizers { get; set; }
}

/// <summary>metadata.ownerReferences[]: who owns (and garbage-collects) an object.</summary>
public sealed record OwnerReference
{
    public string ApiVersion { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Name { get; set; } = "";
    public string Uid { get; set; } = "";

    /// <summary>True for the managing controller (the Deployment of a ReplicaSet, the CronJob of a Job).</summary>
    public bool? Controller { get; set; }

    public bool? BlockOwnerDeletion { get; set; }
}

/// <summary>metadata of a list response: the resourceVersion to watch from and the paging token.</summary>
public sealed record ListMeta
{
    public string? ResourceVersion { get; set; }

    /// <summary>Token for the next page; null or empty on the last page.</summary>
    public string? Continue { get; set; }

    public long? RemainingItemCount { get; set; }
}
