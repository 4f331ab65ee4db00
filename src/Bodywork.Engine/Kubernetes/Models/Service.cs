namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>v1 Service.</summary>
public sealed record Service : IKubernetesObject
{
    public string? ApiVersion { get; init; } = "v1";
    public string? Kind { get; init; } = "Service";
    public ObjectMeta Metadata { get; init; } = new();
    public ServiceSpec? Spec { get; init; }
    public ServiceStatus? Status { get; init; }
}

/// <summary>Service spec. clusterIP is immutable once set; leave it null in manifests.</summary>
public sealed record ServiceSpec
{
    /// <summary>ClusterIP (default), NodePort or LoadBalancer.</summary>
    public string? Type { get; init; }

    public IReadOnlyDictionary<string, string>? Selector { get; init; }
    public IReadOnlyList<ServicePort>? Ports { get; init; }
    public string? ClusterIP { get; init; }
}

/// <summary>A service port; targetPort is a number or a container port name.</summary>
public sealed record ServicePort
{
    public string? Name { get; init; }
    public int Port { get; init; }
    public IntOrString? TargetPort { get; init; }

    /// <summary>TCP (default), UDP or SCTP.</summary>
    public string? Protocol { get; init; }

    public int? NodePort { get; init; }
}

/// <summary>Service status: the load balancer's address when one is provisioned.</summary>
public sealed record ServiceStatus
{
    public LoadBalancerStatus? LoadBalancer { get; init; }
}

/// <summary>Load balancer ingress points.</summary>
public sealed record LoadBalancerStatus
{
    public IReadOnlyList<LoadBalancerIngress>? Ingress { get; init; }
}

/// <summary>An ip (GKE/AKS) or hostname (EKS).</summary>
public sealed record LoadBalancerIngress
{
    public string? Ip { get; init; }
    public string? Hostname { get; init; }
}
