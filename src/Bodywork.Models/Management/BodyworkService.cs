namespace Bodywork.Models.Management;

/// <summary>
/// A service stage deployed to a cluster: its Deployment, the Service that exposes it inside the
/// cluster, and where it came from (project, stage, Git repository and branch).
/// </summary>
public sealed class BodyworkService
{
    /// <summary>The Deployment (and Service) name, <c>&lt;project&gt;--&lt;stage&gt;</c>.</summary>
    public required string Name { get; init; }
    public required string Namespace { get; init; }

    /// <summary>URL inside the cluster: <c>http://&lt;name&gt;.&lt;namespace&gt;.svc.cluster.local:&lt;port&gt;</c> (null without a port).</summary>
    public string? Url { get; init; }

    public int? Port { get; init; }

    /// <summary>True when a Service of the same name exists (the deployment is reachable at <see cref="Url"/>).</summary>
    public bool Exposed { get; init; }

    public int AvailableReplicas { get; init; }
    public int UnavailableReplicas { get; init; }

    /// <summary>Desired replicas of the Deployment.</summary>
    public int Replicas { get; init; }

    public string? Project { get; init; }
    public string? Stage { get; init; }

    /// <summary>The Git repository the service was deployed from.</summary>
    public string? GitRepoUrl { get; init; }

    /// <summary>The branch the service was deployed from.</summary>
    public string? Branch { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    public override string ToString() => $"{Namespace}/{Name}";
}
