using Bodywork.Engine.Kubernetes.Auth;

namespace Bodywork.Engine.Kubernetes.Config;

/// <summary>The service-account config every pod gets: env vars for the server, mounted token, CA and namespace.</summary>
internal static class InClusterConfigLoader
{
    public const string ContextName = "in-cluster";

    public static bool IsPossible(KubeConfigEnvironment environment) =>
        !string.IsNullOrEmpty(environment.GetVariable("KUBERNETES_SERVICE_HOST"))
        && !string.IsNullOrEmpty(environment.GetVariable("KUBERNETES_SERVICE_PORT"))
        && File.Exists(Path.Combine(environment.ServiceAccountDirectory, "token"));

    public static ResolvedKubernetesConfig Load(KubernetesConnectionOptions options, KubeConfigEnvironment environment)
    {
        var host = environment.GetVariable("KUBERNETES_SERVICE_HOST")!.Trim();
        var port = environment.GetVariable("KUBERNETES_SERVICE_PORT")!.Trim();
        // An IPv6 service IP must be bracketed in a URL.
        if (host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('['))
        {
            host = "[" + host + "]";
        }
        if (!Uri.TryCreate($"https://{host}:{port}/", UriKind.Absolute, out var server))
        {
            throw KubeConfigErrors.Unusable(
                $"In-cluster configuration: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT ('{host}', '{port}') do not form a valid URL.", host);
        }

        var directory = environment.ServiceAccountDirectory;
        var caPath = Path.Combine(directory, "ca.crt");
        System.Security.Cryptography.X509Certificates.X509Certificate2Collection? authorities = null;
        try
        {
            authorities = ClientCertificateLoader.LoadCaBundle(File.ReadAllText(caPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // kubectl falls back to the OS roots when ca.crt is unreadable.
            authorities = null;
        }

        var tokens = new TokenFileSource(Path.Combine(directory, "token"), null, environment.TimeProvider, environment.TokenFileCacheDuration);
        var authenticator = new KubernetesAuthenticator(tokens, null, null, null, sendCredentials: true, "in-cluster service account token");
        var ns = options.Namespace ?? NonEmpty(environment.GetVariable("POD_NAMESPACE")) ?? ReadNamespaceFile(directory) ?? "default";
        KubeConfigValidation.CheckNamespace(ns, "in-cluster configuration", null);

        return new ResolvedKubernetesConfig(server, ContextName, ns, null, false, null, authenticator)
        {
            CertificateAuthorities = authorities,
        };
    }

    private static string? ReadNamespaceFile(string directory)
    {
        try
        {
            return NonEmpty(File.ReadAllText(Path.Combine(directory, "namespace")).Trim());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
