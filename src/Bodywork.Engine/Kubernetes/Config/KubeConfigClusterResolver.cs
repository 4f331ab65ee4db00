using System.Security.Cryptography.X509Certificates;
using Bodywork.Engine.Kubernetes.Auth;

namespace Bodywork.Engine.Kubernetes.Config;

/// <summary>Validates a kubeconfig cluster entry and reads its CA, as kubectl's config validation does.</summary>
internal static class KubeConfigClusterResolver
{
    public sealed record Result(Uri Server, X509Certificate2Collection? Authorities, string? CaPem, Uri? Proxy);

    public static Result Resolve(KubeConfigCluster cluster)
    {
        var (file, line) = cluster.Source;
        var key = $"clusters[{cluster.Name}].cluster.";
        if (string.IsNullOrWhiteSpace(cluster.Server))
        {
            throw KubeConfigErrors.Invalid(file, line, key + "server", $"no server found for cluster '{cluster.Name}': expected a URL such as https://host:6443");
        }
        if (!Uri.TryCreate(cluster.Server.Trim(), UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp))
        {
            throw KubeConfigErrors.Invalid(file, line, key + "server", $"expected an http or https URL, found '{UrlRedaction.Redact(cluster.Server)}'");
        }
        // Keep a path prefix (Rancher serves clusters under /k8s/clusters/ID); end it with '/' so "api/v1/..." appends.
        var builder = new UriBuilder(parsed) { Query = "", Fragment = "" };
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }
        var server = builder.Uri;

        var hasCaFile = !string.IsNullOrEmpty(cluster.CertificateAuthority);
        var hasCaData = !string.IsNullOrEmpty(cluster.CertificateAuthorityData);
        if (hasCaFile && hasCaData)
        {
            throw KubeConfigErrors.Invalid(file, line, key + "certificate-authority-data",
                $"certificate-authority-data and certificate-authority are both specified for cluster '{cluster.Name}'; keep only one");
        }
        if (cluster.InsecureSkipTlsVerify && (hasCaFile || hasCaData))
        {
            throw KubeConfigErrors.Invalid(file, line, key + "insecure-skip-tls-verify",
                "specifying a root certificates file with the insecure flag is not allowed");
        }

        string? caPem = null;
        X509Certificate2Collection? authorities = null;
        if (hasCaData)
        {
            caPem = DecodeData(cluster.CertificateAuthorityData!, file, line, key + "certificate-authority-data");
        }
        else if (hasCaFile)
        {
            caPem = ReadFile(cluster.CertificateAuthority!, file, line, key + "certificate-authority");
        }
        if (caPem is not null)
        {
            try
            {
                authorities = ClientCertificateLoader.LoadCaBundle(caPem);
            }
            catch (FormatException e)
            {
                throw KubeConfigErrors.Invalid(file, line, key + (hasCaData ? "certificate-authority-data" : "certificate-authority"),
                    $"expected one or more PEM certificates: {e.Message}");
            }
        }

        Uri? proxy = null;
        if (!string.IsNullOrEmpty(cluster.ProxyUrl))
        {
            if (!Uri.TryCreate(cluster.ProxyUrl, UriKind.Absolute, out proxy) || proxy.Scheme is not ("http" or "https" or "socks5"))
            {
                throw KubeConfigErrors.Invalid(file, line, key + "proxy-url", $"expected an http, https or socks5 URL, found '{UrlRedaction.Redact(cluster.ProxyUrl)}'");
            }
        }
        return new Result(server, authorities, caPem, proxy);
    }

    internal static string DecodeData(string base64, string file, int line, string key)
    {
        try
        {
            return PemReader.DecodeDataField(base64);
        }
        catch (FormatException)
        {
            throw KubeConfigErrors.Invalid(file, line, key, "expected standard base64 of PEM text");
        }
    }

    internal static string ReadFile(string path, string file, int line, string key)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw KubeConfigErrors.Invalid(file, line, key, $"the file '{path}' cannot be read: {e.Message}", e);
        }
    }
}
