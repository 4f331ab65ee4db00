using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>The typed Kubernetes API: one client per kind Bodywork uses. Thread-safe.</summary>
public interface IKubernetesApi
{
    /// <summary>v1 Namespaces (cluster-scoped).</summary>
    IClusterResourceClient<KubernetesNamespace> Namespaces { get; }

    /// <summary>v1 ServiceAccounts.</summary>
    INamespacedResourceClient<ServiceAccount> ServiceAccounts { get; }

    /// <summary>rbac.authorization.k8s.io/v1 Roles.</summary>
    INamespacedResourceClient<Role> Roles { get; }

    /// <summary>rbac.authorization.k8s.io/v1 RoleBindings.</summary>
    INamespacedResourceClient<RoleBinding> RoleBindings { get; }

    /// <summary>rbac.authorization.k8s.io/v1 ClusterRoles.</summary>
    IClusterResourceClient<ClusterRole> ClusterRoles { get; }

    /// <summary>rbac.authorization.k8s.io/v1 ClusterRoleBindings.</summary>
    IClusterResourceClient<ClusterRoleBinding> ClusterRoleBindings { get; }

    /// <summary>v1 Secrets.</summary>
    INamespacedResourceClient<Secret> Secrets { get; }

    /// <summary>batch/v1 Jobs.</summary>
    IJobClient Jobs { get; }

    /// <summary>v1 Pods and logs.</summary>
    IPodClient Pods { get; }

    /// <summary>apps/v1 Deployments and rollback.</summary>
    IDeploymentClient Deployments { get; }

    /// <summary>apps/v1 ReplicaSets.</summary>
    INamespacedResourceClient<ReplicaSet> ReplicaSets { get; }

    /// <summary>v1 Services.</summary>
    INamespacedResourceClient<Service> Services { get; }

    /// <summary>batch/v1 CronJobs and manual triggers.</summary>
    ICronJobClient CronJobs { get; }
}
