using System.Text.Json.Serialization;

namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>
/// Source-generated JSON metadata for every model (no reflection in the engine). Nulls are omitted so
/// minimal manifests stay minimal; unknown fields from newer servers are ignored on read.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false,
    AllowTrailingCommas = false,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(KubernetesNamespace))]
[JsonSerializable(typeof(ServiceAccount))]
[JsonSerializable(typeof(Role))]
[JsonSerializable(typeof(ClusterRole))]
[JsonSerializable(typeof(RoleBinding))]
[JsonSerializable(typeof(ClusterRoleBinding))]
[JsonSerializable(typeof(Secret))]
[JsonSerializable(typeof(Job))]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(Deployment))]
[JsonSerializable(typeof(ReplicaSet))]
[JsonSerializable(typeof(Service))]
[JsonSerializable(typeof(CronJob))]
[JsonSerializable(typeof(KubernetesList<KubernetesNamespace>))]
[JsonSerializable(typeof(KubernetesList<ServiceAccount>))]
[JsonSerializable(typeof(KubernetesList<Role>))]
[JsonSerializable(typeof(KubernetesList<ClusterRole>))]
[JsonSerializable(typeof(KubernetesList<RoleBinding>))]
[JsonSerializable(typeof(KubernetesList<ClusterRoleBinding>))]
[JsonSerializable(typeof(KubernetesList<Secret>))]
[JsonSerializable(typeof(KubernetesList<Job>))]
[JsonSerializable(typeof(KubernetesList<Pod>))]
[JsonSerializable(typeof(KubernetesList<Deployment>))]
[JsonSerializable(typeof(KubernetesList<ReplicaSet>))]
[JsonSerializable(typeof(KubernetesList<Service>))]
[JsonSerializable(typeof(KubernetesList<CronJob>))]
[JsonSerializable(typeof(Status))]
[JsonSerializable(typeof(RawWatchEvent))]
[JsonSerializable(typeof(PartialObject))]
[JsonSerializable(typeof(PodTemplateSpec))]
[JsonSerializable(typeof(RollingUpdateDeployment))]
[JsonSerializable(typeof(TcpSocketAction))]
[JsonSerializable(typeof(Container))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
public sealed partial class KubernetesJsonContext : JsonSerializerContext
{
}
