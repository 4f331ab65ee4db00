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
    {
        ArgumentNullException.ThrowIfNull(options);
        environment ??= KubeConfigEnvironment.Current;

        var (files, origin) = KubeConfigFileLocator.Locate(options, environment);
        var merged = new KubeConfigDocument();
        foreach (var file in files)
        {
            merged.MergeFrom(KubeConfigParser.ParseFile(file, environment.IsWindows));
        }

        var contextName = string.IsNullOrEmpty(options.Context) ? merged.CurrentContext : options.Context;
        if (string.IsNullOrEmpty(contextName))
        {
            if (InClusterConfigLoader.IsPossible(environment))
            {
                return InClusterConfigLoader.Load(options, environment);
            }
            throw files.Count == 0
                ? KubeConfigErrors.NotFound($"No Kubernetes configuration was found: {origin} does not exist and this is not a pod (KUBERNETES_SERVICE_HOST is not set).", origin)
                : KubeConfigErrors.Unusable($"No context is selected in {origin}: set current-context (kubectl config use-context NAME) or pass a context.", origin);
        }

        if (!merged.Contexts.TryGetValue(contextName, out var context))
        {
            throw KubeConfigErrors.Unusable(
                $"context was not found for specified context: {contextName} (in {origin}; contexts found: {Names(merged.Contexts.Keys)}).", contextName);
        }
        var (contextFile, contextLine) = context.Source;
        if (string.IsNullOrEmpty(context.Cluster) || !merged.Clusters.TryGetValue(context.Cluster, out var cluster))
        {
            throw KubeConfigErrors.Invalid(contextFile, contextLine, $"contexts[{contextName}].context.cluster",
                $"no server found for cluster '{context.Cluster}': the context names a cluster that is not defined (clusters found: {Names(merged.Clusters.Keys)})");
        }
        // A context naming a missing user means anonymous, as in kubectl.
        merged.Users.TryGetValue(context.User ?? "", out var user);

        var resolvedCluster = KubeConfigClusterResolver.Resolve(cluster);
        var authenticator = KubeConfigUserResolver.Resolve(user, cluster, resolvedCluster, environment);

        var ns = !string.IsNullOrEmpty(options.Namespace) ? options.Namespace
            : !string.IsNullOrEmpty(context.Namespace) ? context.Namespace
            : "default";
        if (!string.IsNullOrEmpty(options.Namespace))
        {
            KubeConfigValidation.CheckNamespace(ns, "the namespace option", null);
        }
        else
        {
            KubeConfigValidation.CheckNamespace(ns, $"contexts[{contextName}].context.namespace", context.Source);
        }

        return new ResolvedKubernetesConfig(resolvedCluster.Server, contextName, ns, string.IsNullOrEmpty(cluster.TlsServerName) ? null : cluster.TlsServerName,
            cluster.InsecureSkipTlsVerify, WithoutUserInfo(resolvedCluster.Proxy), authenticator)
        {
            ProxyCredentials = ProxyCredentials(resolvedCluster.Proxy),
            CertificateAuthorities = resolvedCluster.Authorities,
            DisableCompression = cluster.DisableCompression,
        };
    }

    private static Uri? WithoutUserInfo(Uri? url) =>
        url is null || string.IsNullOrEmpty(url.UserInfo) ? url : new UriBuilder(url) { UserName = "", Password = "" }.Uri;

    /// <summary>kubectl authenticates to the proxy with the proxy-url's user:password.</summary>
    private static System.Net.NetworkCredential? ProxyCredentials(Uri? url)
    {
        if (url is null || string.IsNullOrEmpty(url.UserInfo))
        {
            return null;
        }
        var parts = url.UserInfo.Split(':', 2);
        return new System.Net.NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}
