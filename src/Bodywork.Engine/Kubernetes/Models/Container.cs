using System.Text.Json.Serialization;

namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>A container of a pod spec.</summary>
public sealed record Container
{
    public string Name { get; init; } = "";
    public string? Image { get; init; }

    /// <summary>Always, IfNotPresent or Never.</summary>
    public string? ImagePullPolicy { get; init; }

    public IReadOnlyList<string>? Command { get; init; }
    public IReadOnlyList<string>? Args { get; init; }
    public string? WorkingDir { get; init; }
    public IReadOnlyList<EnvVar>? Env { get; init; }
    public IReadOnlyList<EnvFromSource>? EnvFrom { get; init; }
    public ResourceRequirements? Resources { get; init; }
    public IReadOnlyList<ContainerPort>? Ports { get; init; }
    public IReadOnlyList<VolumeMount>? VolumeMounts { get; init; }
    public Probe? ReadinessProbe { get; init; }
    public Probe? LivenessProbe { get; init; }
    public Probe? StartupProbe { get; init; }
}

/// <summary>An environment variable: a literal value or a reference (secretKeyRef).</summary>
public sealed record EnvVar
{
    public string Name { get; init; } = "";
    public string? Value { get; init; }
    public EnvVarSource? ValueFrom { get; init; }
}

/// <summary>Where an env var's value comes from.</summary>
public sealed record EnvVarSource
{
    public SecretKeySelector? SecretKeyRef { get; init; }
    public ConfigMapKeySelector? ConfigMapKeyRef { get; init; }
    public ObjectFieldSelector? FieldRef { get; init; }
}

/// <summary>A key of a Secret in the pod's namespace.</summary>
public sealed record SecretKeySelector
{
    public string? Name { get; init; }
    public string Key { get; init; } = "";
    public bool? Optional { get; init; }
}

/// <summary>A key of a ConfigMap in the pod's namespace.</summary>
public sealed record ConfigMapKeySelector
{
    public string? Name { get; init; }
    public string Key { get; init; } = "";
    public bool? Optional { get; init; }
}

/// <summary>A field of the pod itself (downward API), e.g. metadata.namespace.</summary>
public sealed record ObjectFieldSelector
{
    public string? ApiVersion { get; init; }
    public string FieldPath { get; init; } = "";
}

/// <summary>All keys of a Secret as env vars.</summary>
public sealed record EnvFromSource
{
    public string? Prefix { get; init; }
    public SecretEnvSource? SecretRef { get; init; }
}

/// <summary>The Secret of an envFrom entry.</summary>
public sealed record SecretEnvSource
{
    public string? Name { get; init; }
    public bool? Optional { get; init; }
}

/// <summary>Requests and limits; quantities are strings ("500m", "1Gi").</summary>
public sealed record ResourceRequirements
{
    public IReadOnlyDictionary<string, string>? Requests { get; init; }
    public IReadOnlyDictionary<string, string>? Limits { get; init; }
}

/// <summary>A port the container listens on.</summary>
public sealed record ContainerPort
{
    public string? Name { get; init; }

    /// <summary>The port number (<c>containerPort</c> on the wire).</summary>
    [JsonPropertyName("containerPort")]
    public int Port { get; init; }

    public string? Protocol { get; init; }
}

/// <summary>Where a volume is mounted in a container.</summary>
public sealed record VolumeMount
{
    public string Name { get; init; } = "";
    public string MountPath { get; init; } = "";
    public bool? ReadOnly { get; init; }
    public string? SubPath { get; init; }
}
