namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>How dependents of a deleted object are treated.</summary>
public enum PropagationPolicy
{
    /// <summary>Delete now; the garbage collector removes dependents afterwards (our default, also for Jobs).</summary>
    Background,

    /// <summary>The object stays (deletionTimestamp set) until its dependents are gone.</summary>
    Foreground,

    /// <summary>Dependents survive (the server default for batch/v1 Jobs — never what we want for them).</summary>
    Orphan,
}

/// <summary>Options of a delete call.</summary>
public sealed record DeleteOptions
{
    /// <summary>Shared instance of the defaults.</summary>
    public static DeleteOptions Default { get; } = new();

    /// <summary>Always sent explicitly (Jobs would otherwise orphan their pods).</summary>
    public PropagationPolicy PropagationPolicy { get; init; } = PropagationPolicy.Background;

    /// <summary>Pod termination grace period override; null = the object's own.</summary>
    public long? GracePeriodSeconds { get; init; }

    /// <summary>dryRun=All.</summary>
    public bool DryRun { get; init; }
}
