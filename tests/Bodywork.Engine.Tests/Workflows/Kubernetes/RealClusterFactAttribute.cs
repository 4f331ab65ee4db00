using Xunit;

namespace Bodywork.Engine.Tests.Workflows.Kubernetes;

/// <summary>
/// An end-to-end test against a real cluster: runs only when BODYWORK_TEST_KUBECONFIG names a kubeconfig and
/// BODYWORK_TEST_GIT_URL a repository the cluster's pods can clone whose root is the iris-pipeline example
/// (branch BODYWORK_TEST_GIT_BRANCH, default main). The namespace (BODYWORK_TEST_NAMESPACE, default
/// bodywork-e2e) is set up by the test. Skipped with the reason otherwise.
/// </summary>
public sealed class RealClusterFactAttribute : FactAttribute
{
    public RealClusterFactAttribute()
    {
        if (string.IsNullOrEmpty(RealCluster.KubeConfig))
        {
            Skip = "BODYWORK_TEST_KUBECONFIG is not set: no real cluster to run against";
        }
        else if (string.IsNullOrEmpty(RealCluster.GitUrl))
        {
            Skip = "BODYWORK_TEST_GIT_URL is not set: the cluster's pods need a repository they can clone (the iris-pipeline example at its root)";
        }
    }
}

/// <summary>The real cluster's settings from the environment.</summary>
internal static class RealCluster
{
    public static string? KubeConfig => Environment.GetEnvironmentVariable("BODYWORK_TEST_KUBECONFIG");
    public static string? GitUrl => Environment.GetEnvironmentVariable("BODYWORK_TEST_GIT_URL");
    public static string Branch => Environment.GetEnvironmentVariable("BODYWORK_TEST_GIT_BRANCH") is { Length: > 0 } b ? b : "main";
    public static string Namespace => Environment.GetEnvironmentVariable("BODYWORK_TEST_NAMESPACE") is { Length: > 0 } n ? n : "bodywork-e2e";
}
