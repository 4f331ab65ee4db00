namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>
/// A <c>&lt;Kind&gt;List</c> response (one page). Items carry no apiVersion/kind on the wire; the model
/// defaults supply them.
/// </summary>
public sealed record KubernetesList<T>
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public IReadOnlyList<T> Items { get; set; } = [];
}
