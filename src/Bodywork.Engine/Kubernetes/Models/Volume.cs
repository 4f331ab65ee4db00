namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>A pod volume (only the sources Bodywork uses).</summary>
public sealed record Volume
{
    public string Name { get; init; } = "";
    public EmptyDirVolumeSource? EmptyDir { get; init; }
    public SecretVolumeSource? Secret { get; init; }
}

/// <summary>A scratch directory that lives as long as the pod.</summary>
public sealed record EmptyDirVolumeSource
{
    public string? Medium { get; init; }
    public string? SizeLimit { get; init; }
}

/// <summary>A Secret's keys as files.</summary>
public sealed record SecretVolumeSource
{
    public string? SecretName { get; init; }
    public bool? Optional { get; init; }
}
