namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>A pod volume (only the sources Bodywork uses).</summary>
public sealed record Volume
{
    public string Name { get; set; } = "";
    public EmptyDirVolumeSource? EmptyDir { get; set; }
    public SecretVolumeSource? Secret { get; set; }
}

/// <summary>A scratch directory that lives as long as the pod.</summary>
public sealed record EmptyDirVolumeSource
{
    public string? Medium { get; set; }
    public string? SizeLimit { get; set; }
}

/// <summary>A Secret's keys as files.</summary>
public sealed record SecretVolumeSource
{
    public string? SecretName { get; set; }
    public bool? Optional { get; set; }
}
