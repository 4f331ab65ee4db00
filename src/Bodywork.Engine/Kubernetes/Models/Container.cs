using System.Text.Json.Serialization;

namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>A container of a pod spec.</summary>
public sealed record Container
{
    public string Name { get; set; } = "";
    public string? Image { get; set; }

    /// <summary>Always, IfNotPresent or Never.</summary>
    public string? ImagePullPolicy { get; set; }

    public IReadOnlyList<string>? Command { get; set; }
    public IReadOnlyList<string>? Args { get; set; }
    public string? WorkingDir { get; set; }
    public IReadOnlyList<EnvVar>? Env { get; set; }
    public IReadOnlyList<EnvFromSource>? EnvFrom { get; set; }
    public ResourceRequirements? Resources { get; set; }
    public IReadOnlyList<ContainerPort>? Ports { get; set; }
    public IReadOnlyList<VolumeMount>? VolumeMounts { get; set; }
    public Probe? ReadinessProbe { get; set; }
    public Probe? LivenessProbe { get; set; }
    public Probe? StartupProbe { get; set; }
}

/// <summary>An environment variable: a literal value or a reference (secretKeyRef).</summary>
public sealed record EnvVar
{
    public string Name { get; set; } = "";
    public string? Value { get; set; }
    public EnvVarSource? ValueFrom { get; set; }
}

/// <summary>Where an env var's value comes from.</summary>
public sealed record EnvVarSource
{
    public SecretKeySelector? SecretKeyRef { get; set; }
    public ConfigMapKeySelector? ConfigMapKeyRef { get; set; }
    public ObjectFieldSelector? FieldRef { get; set; }
}

/// <summary>A key of a Secret in the pod's namespace.</summary>
public sealed record SecretKeySelector
{
    public string? Name { get; set; }
    public string Key { get; set; } = "";
    public bool? Optional { get; set; }
}

/// <summary>A key of a ConfigMap in the pod's namespace.</summary>
public sealed record ConfigMapKeySelector
{
    public string? Name { get; set; }
    public string Key { get; set; } = "";
    public bool? Optional { get; set; }
}

/// <summary>A field of the pod itself (downward API), e.g. metadata.namespace.</summary>
public sealed record ObjectFieldSelector
{
    public string? ApiVersion { get; set; }
    public string FieldPath { get; set; } = "";
}

/// <summary>All keys of a Secret as env vars.</summary>
public sealed record EnvFromSource
{
    public string? Prefix { get; set; }
    public SecretEnvSource? SecretRef { get; set; }
}

/// <summary>The Secret of an envFrom entry.</summary>
public sealed record SecretEnvSource
{
    public string? Name { get; set; }
    public bool? Optional { get; set; }
}

/// <summary>Requests and limits; quantities are strings ("500m", "1Gi").</summary>
public sealed record ResourceRequirements
{
    public IReadOnlyDictionary<string, string>? Requests { get; set; }
    public IReadOnlyDictionary<string, string>? Limits { get; set; }
}

/// <summary>A port the container listens on.</summary>
public sealed record ContainerPort
{
    public string? Name { get; set; }

    /// <summary>The port number (<c>containerPort</c> on the wire).</summary>
    [JsonPropertyName("containerPort")]
    public int Port { get; set; }

    public string? Protocol { get; set; }
}

/// <summary>Where a volume is mounted in a container.</summary>
public sealed record VolumeMount
{
    public string Name { get; set; } = "";
    public string MountPath { get; set; } = "";
    public bool? ReadOnly { get; set; }
    public string? SubPath { get; set; }
}
