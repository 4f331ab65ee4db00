using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Models.Projects;

namespace Bodywork.Engine.Manifests;

/// <summary>
/// A batch stage's Job (spec §4.4, with the fixes of architecture.md): Kubernetes does the retries
/// (backoffLimit = RETRIES) and the deadline (activeDeadlineSeconds = MAX_COMPLETION_TIME_SECONDS), and
/// the result is read from the Job's conditions. Pods never restart in place, so every attempt is a pod
/// whose log survives until the Job is deleted.
/// </summary>
public static class JobManifest
{
    /// <summary>Builds the Job for a batch stage of the project at <paramref name="projectPath"/>.</summary>
    public static Job Build(BodyworkStage stage, string projectPath, StageSource source)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (stage.Kind != StageKind.Batch)
        {
            throw new ArgumentException($"stage {stage.Name} is not a batch stage", nameof(stage));
        }

        var meta = StageObjectMeta.Build(stage, source);
        return new Job
        {
            Metadata = meta,
            Spec = new JobSpec
            {
                Completions = 1,
                BackoffLimit = Math.Max(0, stage.Retries ?? 0),
                ActiveDeadlineSeconds = stage.MaxCompletionTimeSeconds is int limit and > 0 ? limit : null,
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = meta.Labels, Annotations = meta.Annotations },
                    Spec = new PodSpec
                    {
                        RestartPolicy = "Never",
                        ServiceAccountName = BodyworkNames.StageAccount,
                        Containers = [StageContainer.Build(stage, projectPath, source)],
                    },
                },
            },
        };
    }
}
