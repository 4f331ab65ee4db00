namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>Options of apply, create and patch calls.</summary>
public sealed record WriteOptions
{
    /// <summary>Shared instance of the defaults.</summary>
    public static WriteOptions Default { get; } = new();

    /// <summary>
    /// dryRun=All: the server validates and returns the result without persisting it (-WhatIf previews).
    /// </summary>
    public bool DryRun { get; init; }

    /// <summary>Server-side apply only: take ownership of fields managed by others (default true: we own our objects).</summary>
    public bool Force { get; init; } = true;
}
