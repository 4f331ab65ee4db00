using System.Text;
using System.Text.Json;
using Bodywork.Engine.Kubernetes.Auth;
using Bodywork.Engine.Kubernetes.Auth.Exec;

namespace Bodywork.Engine.Kubernetes.Config;

/// <summary>Validates a kubeconfig user entry (kubectl's rules) and turns it into an authenticator.</summary>
internal static class KubeConfigUserResolver
{
    public static KubernetesAuthenticator Resolve(KubeConfigUser? user, KubeConfigCluster cluster, KubeConfigClusterResolver.Result resolvedCluster,
        KubeConfigEnvironment environment)
    {
        // kubectl sends no credentials at all to a plain-http server.
        var sendCredentials = resolvedCluster.Server.Scheme == Uri.UriSchemeHttps;
        if (user is null)
        {
            return KubernetesAuthenticator.Anonymous;
        }

        var (file, line) = user.Source;
        var key = $"users[{user.Name}].user.";

        if (user.AuthProviderName is not null && user.Exec is not null)
        {
            throw KubeConfigErrors.Invalid(file, line, key + "exec", "exec and auth-provider are both set; keep only one");
        }
        if (user.AuthProviderName is not null)
        {
            throw AuthProviderErrors.Removed(user.AuthProviderName, user.Name, file);
        }

        var hasToken = !string.IsNullOrEmpty(user.Token) || !string.IsNullOrEmpty(user.TokenFile);
        var hasBasic = !string.IsNullOrEmpty(user.Username) || !string.IsNullOrEmpty(user.Password);
        if (hasToken && hasBasic)
        {
            throw KubeConfigErrors.Invalid(file, line, key + "username",
                "more than one authentication method found: token and username/password are both set; keep only one");
        }
        if (string.IsNullOrEmpty(user.Impersonate)
            && (!string.IsNullOrEmpty(user.ImpersonateUid) || user.ImpersonateGroups.Count > 0 || user.ImpersonateUserExtra.Count > 0))
        {
            throw KubeConfigErrors.Invalid(file, line, key + "as", "as-uid, as-groups and as-user-extra need 'as' (the user to impersonate)");
        }

        var clientCertificates = StaticCertificate(user, file, line, key, environment);

        IBearerTokenSource? tokens = null;
        if (user.Exec is not null)
        {
            var exec = new ExecCredentialSource(ExecSettings(user, cluster, resolvedCluster), environment);
            tokens = exec;
            clientCertificates ??= exec;
        }
        else if (!string.IsNullOrEmpty(user.TokenFile))
        {
            if (!File.Exists(user.TokenFile) && string.IsNullOrEmpty(user.Token))
            {
                throw KubeConfigErrors.Invalid(file, line, key + "tokenFile", $"the token file '{user.TokenFile}' does not exist");
            }
            tokens = new TokenFileSource(user.TokenFile, NullIfEmpty(user.Token), environment.TimeProvider, environment.TokenFileCacheDuration);
        }
        else if (!string.IsNullOrEmpty(user.Token))
        {
            tokens = new StaticTokenSource(user.Token);
        }

        var basic = hasBasic ? (user.Username ?? "", user.Password ?? "") : ((string, string)?)null;
        var impersonation = string.IsNullOrEmpty(user.Impersonate)
            ? null
            : new Impersonation(user.Impersonate, user.ImpersonateUid, user.ImpersonateGroups, user.ImpersonateUserExtra);

        var methods = new List<string>();
        if (clientCertificates is StaticClientCertificateSource or FileClientCertificateSource) methods.Add("client certificate");
        if (tokens is not null) methods.Add(tokens.ToString()!);
        if (basic is not null) methods.Add("basic auth");
        if (impersonation is not null) methods.Add(impersonation.ToString());
        var description = $"user '{user.Name}' ({(methods.Count == 0 ? "anonymous" : string.Join(", ", methods))})";

        return new KubernetesAuthenticator(tokens, basic, sendCredentials ? clientCertificates : null, impersonation, sendCredentials, description);
    }

    /// <summary>How often certificate files are checked for rotation.</summary>
    internal static readonly TimeSpan CertificateFileCheckInterval = TimeSpan.FromMinutes(1);

    private static IClientCertificateSource? StaticCertificate(KubeConfigUser user, string file, int line, string key, KubeConfigEnvironment environment)
    {
        var hasCertFile = !string.IsNullOrEmpty(user.ClientCertificate);
        var hasCertData = !string.IsNullOrEmpty(user.ClientCertificateData);
        var hasKeyFile = !string.IsNullOrEmpty(user.ClientKey);
        var hasKeyData = !string.IsNullOrEmpty(user.ClientKeyData);
        if (hasCertFile && hasCertData)
        {
            throw KubeConfigErrors.Invalid(file, line, key + "client-certificate-data",
                $"client-cert-data and client-cert are both specified for user '{user.Name}'; keep only one");
        }
        if (hasKeyFile && hasKeyData)
        {
            throw KubeConfigErrors.Invalid(file, line, key + "client-key-data",
                $"client-key-data and client-key are both specified for user '{user.Name}'; keep only one");
        }
        var hasCert = hasCertFile || hasCertData;
        var hasKey = hasKeyFile || hasKeyData;
        if (hasCert != hasKey)
        {
            throw KubeConfigErrors.Invalid(file, line, key + (hasCert ? "client-key" : "client-certificate"),
                hasCert ? "client-certificate is set but no client-key (or client-key-data) goes with it"
                        : "client-key is set but no client-certificate (or client-certificate-data) goes with it");
        }
        if (!hasCert)
        {
            return null;
        }

        var certKey = key + (hasCertData ? "client-certificate-data" : "client-certificate");
        var keyKey = key + (hasKeyData ? "client-key-data" : "client-key");
        var certPem = hasCertData
            ? KubeConfigClusterResolver.DecodeData(user.ClientCertificateData!, file, line, certKey)
            : KubeConfigClusterResolver.ReadFile(user.ClientCertificate!, file, line, certKey);
        var keyPem = hasKeyData
            ? KubeConfigClusterResolver.DecodeData(user.ClientKeyData!, file, line, keyKey)
            : KubeConfigClusterResolver.ReadFile(user.ClientKey!, file, line, keyKey);
        ClientCertificate certificate;
        try
        {
            certificate = ClientCertificateLoader.Load(certPem, keyPem);
        }
        catch (FormatException e)
        {
            throw KubeConfigErrors.Invalid(file, line, certKey, e.Message);
        }
        if (hasCertData && hasKeyData)
        {
            return new StaticClientCertificateSource(certificate);
        }

        // kubectl reloads file-based pairs when they are rotated on disk.
        var files = new[] { hasCertFile ? user.ClientCertificate! : null, hasKeyFile ? user.ClientKey! : null }.OfType<string>().ToArray();
        return new FileClientCertificateSource(certificate,
            () => (hasCertData ? certPem : File.ReadAllText(user.ClientCertificate!), hasKeyData ? keyPem : File.ReadAllText(user.ClientKey!)),
            files, environment.TimeProvider, CertificateFileCheckInterval);
    }

    private static ExecPluginSettings ExecSettings(KubeConfigUser user, KubeConfigCluster cluster, KubeConfigClusterResolver.Result resolvedCluster)
    {
        var exec = user.Exec!;
        var (file, line) = exec.Source;
        var key = $"users[{user.Name}].user.exec.";
        if (string.IsNullOrEmpty(exec.Command))
        {
            throw KubeConfigErrors.Invalid(file, line, key + "command", "expected the plugin's command, found none");
        }
        if (string.IsNullOrEmpty(exec.ApiVersion))
        {
            throw KubeConfigErrors.Invalid(file, line, key + "apiVersion",
                "expected client.authentication.k8s.io/v1 or client.authentication.k8s.io/v1beta1, found none");
        }
        if (exec.ApiVersion is not ("client.authentication.k8s.io/v1" or "client.authentication.k8s.io/v1beta1"))
        {
            throw KubeConfigErrors.Invalid(file, line, key + "apiVersion",
                $"exec plugin: invalid apiVersion '{exec.ApiVersion}': expected client.authentication.k8s.io/v1 or client.authentication.k8s.io/v1beta1" +
                (exec.ApiVersion.EndsWith("/v1alpha1", StringComparison.Ordinal) ? " (v1alpha1 was removed in Kubernetes 1.24; update the plugin and its kubeconfig entry)" : ""));
        }

        ExecInteractiveMode mode;
        if (string.IsNullOrEmpty(exec.InteractiveMode))
        {
            if (exec.ApiVersion == "client.authentication.k8s.io/v1")
            {
                throw KubeConfigErrors.Invalid(file, line, key + "interactiveMode",
                    "interactiveMode must be specified for exec plugins of apiVersion client.authentication.k8s.io/v1 (Never, IfAvailable or Always)");
            }
            mode = ExecInteractiveMode.IfAvailable;
        }
        else if (!Enum.TryParse(exec.InteractiveMode, ignoreCase: false, out mode) || !Enum.IsDefined(mode))
        {
            throw KubeConfigErrors.Invalid(file, line, key + "interactiveMode", $"expected Never, IfAvailable or Always, found '{exec.InteractiveMode}'");
        }

        ExecClusterJson? clusterInfo = null;
        if (exec.ProvideClusterInfo)
        {
            clusterInfo = new ExecClusterJson
            {
                Server = cluster.Server?.Trim(),
                TlsServerName = NullIfEmpty(cluster.TlsServerName),
                InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify ? true : null,
                CertificateAuthorityData = resolvedCluster.CaPem is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(resolvedCluster.CaPem)),
                ProxyUrl = NullIfEmpty(cluster.ProxyUrl),
                DisableCompression = cluster.DisableCompression ? true : null,
                Config = cluster.ExecExtensionJson is null ? null : JsonDocument.Parse(cluster.ExecExtensionJson).RootElement.Clone(),
            };
        }

        return new ExecPluginSettings
        {
            Command = exec.Command,
            Args = exec.Args,
            Env = exec.Env,
            ApiVersion = exec.ApiVersion,
            InstallHint = exec.InstallHint,
            InteractiveMode = mode,
            Cluster = clusterInfo,
            Origin = $"user '{user.Name}' in kubeconfig '{file}'",
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
