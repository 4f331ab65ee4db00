using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Models.Projects;

namespace Bodywork.Engine.Manifests;

/// <summary>
/// A service stage's Deployment (spec §4.5, fixed): probes on the port decide readiness, rolling updates
/// never take a ready replica away, and the progress deadline is MAX_STARTUP_TIME_SECONDS. The pod template
/// holds nothing that changes between runs of the same commit (the original stamped the time into it), so
/// re-applying an unchanged service converges without a restart.
/// </summary>
public static class DeploymentManifest
{
    /// <summary>Seconds between probes.</summary>
    public const int ProbePeriodSeconds = 2;

    /// <summary>Builds the Deployment for a service stage of the project at <paramref name="projectPath"/>.</summary>
    public static Deployment Build(BodyworkStage stage, string projectPath, StageSource source)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (stage.Kind != StageKind.Service || stage.Port is not int port)
        {
            throw new ArgumentException($"stage {stage.Name} is not a service stage with a PORT", nameof(stage));
        }

        var meta = StageObjectMeta.Build(stage, source);
        var startup = Math.Max(1, stage.MaxStartupTimeSeconds ?? 60);
        var container = StageContainer.Build(stage, projectPath, source) with
        {
            StartupProbe = new Probe
            {
                TcpSocket = new TcpSocketAction { Port = port },
                PeriodSeconds = ProbePeriodSeconds,
                FailureThreshold = Math.Max(1, (startup + ProbePeriodSeconds - 1) / ProbePeriodSeconds),
            },
            ReadinessProbe = new Probe { TcpSocket = new TcpSocketAction { Port = port }, PeriodSeconds = ProbePeriodSeconds },
        };
        return new Deployment
        {
            Metadata = meta with
            {
                Annotations = new Dictionary<string, string>(meta.Annotations!, StringComparer.Ordinal) { ["bodywork.ml/port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            },
            Spec = new DeploymentSpec
            {
                Replicas = Math.Max(1, stage.Replicas ?? 1),
                Selector = new LabelSelector { MatchLabels = StageObjectMeta.Labels(stage) },
                Strategy = new DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new RollingUpdateDeployment { MaxUnavailable = 0, MaxSurge = 1 },
                },
                ProgressDeadlineSeconds = startup,
                RevisionHistoryLimit = 3,
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = meta.Labels, Annotations = meta.Annotations },
                    Spec = new PodSpec
                    {
                        RestartPolicy = "Always",
                        ServiceAccountName = BodyworkNames.StageAccount,
                        Containers = [container],
                    },
                },
            },
        };
    }
}
