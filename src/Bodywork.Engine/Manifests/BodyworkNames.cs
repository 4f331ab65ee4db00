namespace Bodywork.Engine.Manifests;

/// <summary>
/// Object names fixed by the original (spec §3, §4) so namespaces set up by either tool interoperate.
/// A stage's Job/Deployment/Service name is <see cref="Bodywork.Models.Projects.BodyworkStage.ObjectName"/>.
/// </summary>
public static class BodyworkNames
{
    public const string WorkflowControllerAccount = "bodywork-workflow-controller";
    public const string StageAccount = "bodywork-jobs-and-deployments";

    public static string WorkflowControllerClusterRoleBinding(string @namespace) =>
        $"{WorkflowControllerAccount}--{@namespace}";
}
