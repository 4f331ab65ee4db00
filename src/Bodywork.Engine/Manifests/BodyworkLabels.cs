namespace Bodywork.Engine.Manifests;

/// <summary>
/// The labels and annotations every object Bodywork creates carries. The original put no labels on
/// anything and selected pods by stage name alone, so two projects with a stage of the same name
/// collided in one namespace; selecting on project and stage fixes that (architecture.md, "Fixed").
/// </summary>
public static class BodyworkLabels
{
    public const string ManagedByKey = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "bodywork";
    public const string ProjectKey = "bodywork.ml/project";
    public const string StageKey = "bodywork.ml/stage";

    /// <summary>Commit hashes fit label values (40 hex chars), so services can be selected by commit.</summary>
    public const string GitCommitKey = "bodywork.ml/git-commit";

    /// <summary>URLs and branch names do not fit label value rules, so they are annotations.</summary>
    public const string GitUrlAnnotation = "bodywork.ml/git-url";
    public const string GitBranchAnnotation = "bodywork.ml/git-branch";

    /// <summary>Selector matching everything Bodywork manages in a namespace.</summary>
    public static string ManagedSelector => $"{ManagedByKey}={ManagedByValue}";

    public static Dictionary<string, string> ForObject() =>
        new(StringComparer.Ordinal) { [ManagedByKey] = ManagedByValue };

    public static Dictionary<string, string> ForStage(string project, string stage) =>
        new(StringComparer.Ordinal)
        {
            [ManagedByKey] = ManagedByValue,
            [ProjectKey] = project,
            [StageKey] = stage,
        };

    /// <summary>Label selector text for one stage's objects and pods.</summary>
    public static string StageSelector(string project, string stage) =>
        $"{ManagedByKey}={ManagedByValue},{ProjectKey}={project},{StageKey}={stage}";
}
