namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>What a watch follows.</summary>
public sealed record WatchOptions
{
    /// <summary>Label selector text; objects entering/leaving it arrive as Added/Deleted.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Field selector text; "metadata.name=x" watches one object.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>
    /// Null (default): list first, yield every current object as Added, then watch from the list's
    /// resourceVersion. Set: watch only changes after this resourceVersion (a 410 then re-lists as above).
    /// </summary>
    public string? ResourceVersion { get; init; }
}
