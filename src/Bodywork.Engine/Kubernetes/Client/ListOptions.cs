namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>Filters and paging for a list call.</summary>
public sealed record ListOptions
{
    /// <summary>Label selector text, e.g. "app.kubernetes.io/managed-by=bodywork,bodywork.ml/stage in (a,b)". See <see cref="Selectors"/>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Field selector text, e.g. "metadata.name=x" (=, ==, != only).</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size (limit); null = the client's <see cref="KubernetesClientOptions.ListPageSize"/>; 0 = no paging.</summary>
    public int? Limit { get; init; }

    /// <summary>Continue token of the page to fetch (from a previous single-page list).</summary>
    public string? Continue { get; init; }

    /// <summary>
    /// False (default): fetch every page and return all items in one list whose metadata.continue is null.
    /// True: fetch one page only; metadata.continue holds the token for the next.
    /// </summary>
    public bool SinglePage { get; init; }
}
