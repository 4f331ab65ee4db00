using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Models.Projects;

namespace Bodywork.Engine.Manifests;

/// <summary>Metadata shared by a stage's Job, Deployment and Service: name, labels, git annotations.</summary>
public static class StageObjectMeta
{
    /// <summary>Labels of a stage's objects and pods (managed-by, project, stage).</summary>
    public static Dictionary<string, string> Labels(BodyworkStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return BodyworkLabels.ForStage(stage.ProjectName, stage.Name);
    }

    /// <summary>The object's metadata: <c>&lt;project&gt;--&lt;stage&gt;</c>, stage labels plus the commit, git URL/branch annotations.</summary>
    public static ObjectMeta Build(BodyworkStage stage, StageSource source)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(source);
        var labels = Labels(stage);
        if (source.Commit is { Length: > 0 } commit)
        {
            labels[BodyworkLabels.GitCommitKey] = commit;
        }

        return new ObjectMeta
        {
            Name = stage.ObjectName,
            Namespace = source.Namespace,
            Labels = labels,
            Annotations = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [BodyworkLabels.GitUrlAnnotation] = Git.GitUrls.Redact(source.RepoUrl),
                [BodyworkLabels.GitBranchAnnotation] = source.Branch,
            },
        };
    }
}
