namespace Bodywork.Models.Errors;

/// <summary>Stable error ids: scripts match on them, so never rename one.</summary>
public static class BodyworkErrorIds
{
    public const string KubeConfigNotFound = "BodyworkKubeConfigNotFound";
    public const string KubeConfigInvalid = "BodyworkKubeConfigInvalid";
    public const string ClusterUnreachable = "BodyworkClusterUnreachable";
    public const string Unauthorized = "BodyworkUnauthorized";
    public const string Forbidden = "BodyworkForbidden";
    public const string NamespaceNotFound = "BodyworkNamespaceNotFound";
    public const string NamespaceNotInitialized = "BodyworkNamespaceNotInitialized";
    public const string ConfigInvalid = "BodyworkConfigInvalid";
    public const string ProjectNotFound = "BodyworkProjectNotFound";
    public const string GitRepoUnavailable = "BodyworkGitRepoUnavailable";
    public const string GitNotInstalled = "BodyworkGitNotInstalled";
    public const string WorkflowFailed = "BodyworkWorkflowFailed";
    public const string OperationTimeout = "BodyworkOperationTimeout";
    public const string ApiError = "BodyworkApiError";
    public const string ExecPluginNotFound = "BodyworkExecPluginNotFound";
    public const string ExecPluginFailed = "BodyworkExecPluginFailed";
    public const string AuthProviderUnsupported = "BodyworkAuthProviderUnsupported";
    public const string InvalidArgument = "BodyworkInvalidArgument";
    public const string OperationCanceled = "BodyworkOperationCanceled";
    /// <summary>Local runs: no usable Python interpreter (python3/python on PATH, or -Python).</summary>
    public const string PythonNotFound = "BodyworkPythonNotFound";
    /// <summary>Local runs: a service stage's PORT is already taken on this machine.</summary>
    public const string PortInUse = "BodyworkPortInUse";
    /// <summary>Local runs: pip could not install a stage's requirements.txt.</summary>
    public const string RequirementsInstallFailed = "BodyworkRequirementsInstallFailed";
    /// <summary>Local runs: a stage's [secrets] variable has no value (-Secret, --secret or the environment).</summary>
    public const string SecretValueMissing = "BodyworkSecretValueMissing";

    public const string SecretNotFound = "BodyworkSecretNotFound";
    public const string SecretAlreadyExists = "BodyworkSecretAlreadyExists";
    public const string ServiceNotFound = "BodyworkServiceNotFound";
    public const string CronJobNotFound = "BodyworkCronJobNotFound";
    public const string CronJobAlreadyExists = "BodyworkCronJobAlreadyExists";
    public const string CronJobRunNotFound = "BodyworkCronJobRunNotFound";
    public const string CronScheduleInvalid = "BodyworkCronScheduleInvalid";

    // Kubernetes API failures (Status reason → id); see Bodywork.Engine.Kubernetes.Errors.
    public const string KubernetesObjectNotFound = "BodyworkKubernetesObjectNotFound";
    public const string KubernetesObjectAlreadyExists = "BodyworkKubernetesObjectAlreadyExists";
    public const string KubernetesConflict = "BodyworkKubernetesConflict";
    public const string KubernetesInvalidObject = "BodyworkKubernetesInvalidObject";
    public const string KubernetesBadRequest = "BodyworkKubernetesBadRequest";
    public const string KubernetesResourceExpired = "BodyworkKubernetesResourceExpired";
    public const string KubernetesTooManyRequests = "BodyworkKubernetesTooManyRequests";
    public const string KubernetesServerError = "BodyworkKubernetesServerError";
}
