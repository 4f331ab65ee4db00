namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>v1 Service.</summary>
public sealed record Service : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "v1";
    public string? Kind { get; set; } = "Service";
    public ObjectMeta Metadata { get; set; } = new();
    public ServiceSpec? Spec { get; set; }
    public ServiceStatus? Status { get; set; }
}

/// <summary>Service spec. clusterIP is immutable once set; leave it null in manifests.</summary>
public sealed record ServiceSpec
{
    /// <summary>ClusterIP (default), NodePort or LoadBalancer.</summary>
    public string? Type { get; set; }

    public IReadOnlyDictionary<string, string>? Selector { get; set; }
    public IReadOnlyList<ServicePort>? Ports { get; set; }
    public string? ClusterIP { get; set; }
}

/// <summary>A service port; targetPort is a number or a container port name.</summary>
public sealed record ServicePort
{
    public string? Name { get; set; }
    public int Port { get; set; }
    public IntOrString? TargetPort { get; set; }

    /// <summary>TCP (default), UDP or SCTP.</summary>
    public string? Protocol { get; set; }

    public int? NodePort { get; set; }
}

/// <summary>Service status: the load balancer's address when one is provisioned.</summary>
public sealed record ServiceStatus
{
    public LoadBalancerStatus? LoadBalancer { get; set; }
}

/// <summary>Load balancer ingress points.</summary>
public sealed record LoadBalancerStatus
{
    public IReadOnlyList<LoadBalancerIngress>? Ingress { get; set; }
}

/// <summary>An ip (GKE/AKS) or hostname (EKS).</summary>
public sealed record LoadBalancerIngress
{
    public string? Ip { get; set; }
    public string? Hostname { get; set; }
}
