namespace Bodywork.Engine.Kubernetes.Config;

/// <summary>Finds, merges and resolves kubeconfig files (or in-cluster config) the way kubectl does.</summary>
public static class KubernetesConfigLoader
{
    /// <summary>
    /// kubectl's rules: options.KubeConfigPath, else KUBECONFIG (several files, first wins), else ~/.kube/config,
    /// else in-cluster when KUBERNETES_SERVICE_HOST/PORT are set. Fails with a BodyworkException naming the file
    /// and key. Exec plugins are not run here; they run on the first request.
    /// </summary>
    public static ResolvedKubernetesConfig Load(KubernetesConnectionOptions options, KubeConfigEnvironment? environment = null)
        => throw new NotImplementedException("contract stub");
}
