using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Config;

namespace Bodywork.Engine.Kubernetes;

/// <summary>Opens connections from kubeconfig (or in-cluster) settings.</summary>
public static class KubernetesClientFactory
{
    /// <summary>
    /// Resolves the kubeconfig as kubectl does (see <see cref="KubernetesConfigLoader"/>) and connects. No
    /// request is sent (exec plugins run on the first call). Throws BodyworkException for bad configuration.
    /// </summary>
    public static KubernetesConnection Create(KubernetesConnectionOptions options, KubernetesClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Create(KubernetesConfigLoader.Load(options), clientOptions);
    }

    /// <summary>Connects with an already resolved configuration.</summary>
    public static KubernetesConnection Create(ResolvedKubernetesConfig config, KubernetesClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var handler = config.CreateHandler();
        try
        {
            return new KubernetesConnection(config.Server, handler, config.Authenticator, config.Namespace, config.ContextName, clientOptions);
        }
        catch
        {
            handler.Dispose();
            throw;
        }
    }
}
