using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Models.Projects;

namespace Bodywork.Engine.Manifests;

/// <summary>The ClusterIP Service in front of a service stage (spec §4.6), selecting on project and stage.</summary>
public static class ServiceManifest
{
    /// <summary>Builds the Service for a service stage.</summary>
    public static Service Build(BodyworkStage stage, StageSource source)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (stage.Kind != StageKind.Service || stage.Port is not int port)
        {
            throw new ArgumentException($"stage {stage.Name} is not a service stage with a PORT", nameof(stage));
        }

        var meta = StageObjectMeta.Build(stage, source);
        return new Service
        {
            Metadata = meta,
            Spec = new ServiceSpec
            {
                Type = "ClusterIP",
                Selector = StageObjectMeta.Labels(stage),
                Ports = [new ServicePort { Name = "http", Port = port, TargetPort = port, Protocol = "TCP" }],
            },
        };
    }

    /// <summary>The in-cluster URL: <c>http://&lt;project&gt;--&lt;stage&gt;.&lt;ns&gt;.svc.cluster.local:&lt;port&gt;</c>.</summary>
    public static string Url(BodyworkStage stage, string namespaceName)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return $"http://{stage.ObjectName}.{namespaceName}.svc.cluster.local:{stage.Port}";
    }
}
