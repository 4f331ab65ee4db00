using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>The typed clients over one transport.</summary>
internal sealed class KubernetesApi : IKubernetesApi
{
    public KubernetesApi(KubernetesTransport transport)
    {
        var json = KubernetesJsonContext.Default;
        Namespaces = new ClusterResourceClient<KubernetesNamespace>(new ResourceOperations<KubernetesNamespace>(transport,
            KubernetesResourceType.Namespace, json.KubernetesNamespace, json.KubernetesListKubernetesNamespace));
        ServiceAccounts = new NamespacedResourceClient<ServiceAccount>(new(transport,
            KubernetesResourceType.ServiceAccount, json.ServiceAccount, json.KubernetesListServiceAccount));
        Roles = new NamespacedResourceClient<Role>(new(transport, KubernetesResourceType.Role, json.Role, json.KubernetesListRole));
        RoleBindings = new NamespacedResourceClient<RoleBinding>(new(transport,
            KubernetesResourceType.RoleBinding, json.RoleBinding, json.KubernetesListRoleBinding));
        ClusterRoles = new ClusterResourceClient<ClusterRole>(new(transport,
            KubernetesResourceType.ClusterRole, json.ClusterRole, json.KubernetesListClusterRole));
        ClusterRoleBindings = new ClusterResourceClient<ClusterRoleBinding>(new(transport,
            KubernetesResourceType.ClusterRoleBinding, json.ClusterRoleBinding, json.KubernetesListClusterRoleBinding));
        Secrets = new NamespacedResourceClient<Secret>(new(transport, KubernetesResourceType.Secret, json.Secret, json.KubernetesListSecret));
        Services = new NamespacedResourceClient<Service>(new(transport, KubernetesResourceType.Service, json.Service, json.KubernetesListService));
        ReplicaSets = new NamespacedResourceClient<ReplicaSet>(new(transport,
            KubernetesResourceType.ReplicaSet, json.ReplicaSet, json.KubernetesListReplicaSet));
        var pods = new PodClient(new(transport, KubernetesResourceType.Pod, json.Pod, json.KubernetesListPod), transport);
        Pods = pods;
        Jobs = new JobClient(new(transport, KubernetesResourceType.Job, json.Job, json.KubernetesListJob), pods);
        Deployments = new DeploymentClient(new(transport,
            KubernetesResourceType.Deployment, json.Deployment, json.KubernetesListDeployment), ReplicaSets);
        CronJobs = new CronJobClient(new(transport, KubernetesResourceType.CronJob, json.CronJob, json.KubernetesListCronJob), Jobs);
    }

    public IClusterResourceClient<KubernetesNamespace> Namespaces { get; }
    public INamespacedResourceClient<ServiceAccount> ServiceAccounts { get; }
    public INamespacedResourceClient<Role> Roles { get; }
    public INamespacedResourceClient<RoleBinding> RoleBindings { get; }
    public IClusterResourceClient<ClusterRole> ClusterRoles { get; }
    public IClusterResourceClient<ClusterRoleBinding> ClusterRoleBindings { get; }
    public INamespacedResourceClient<Secret> Secrets { get; }
    public IJobClient Jobs { get; }
    public IPodClient Pods { get; }
    public IDeploymentClient Deployments { get; }
    public INamespacedResourceClient<ReplicaSet> ReplicaSets { get; }
    public INamespacedResourceClient<Service> Services { get; }
    public ICronJobClient CronJobs { get; }
}
