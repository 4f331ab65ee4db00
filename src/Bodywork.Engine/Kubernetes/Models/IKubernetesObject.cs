namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>
/// A top-level Kubernetes object. Every model record of a kind defaults <see cref="ApiVersion"/> and
/// <see cref="Kind"/> to its own values, so manifests built in code are complete for server-side apply.
/// List items arrive without apiVersion/kind; the defaults fill them in. Properties are settable, not
/// init-only: System.Text.Json's .NET 8 source generator resets absent init-only properties to null,
/// which would lose these defaults (and the empty-list defaults of required collections).
/// </summary>
public interface IKubernetesObject
{
    /// <summary>"v1", "batch/v1", …</summary>
    string? ApiVersion { get; }

    /// <summary>"Job", "Deployment", …</summary>
    string? Kind { get; }

    /// <summary>Name, namespace, labels and server-set fields. Never null.</summary>
    ObjectMeta Metadata { get; }
}
