namespace Bodywork.Engine.Kubernetes.Config;

/// <summary>Proxy and server URLs may carry user:password; messages show them without it.</summary>
internal static class UrlRedaction
{
    public static string Redact(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return "";
        }
        var at = url.IndexOf('@', StringComparison.Ordinal);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (at < 0 || scheme < 0 || at < scheme)
        {
            return url;
        }
        var slash = url.IndexOf('/', scheme + 3);
        return slash >= 0 && slash < at ? url : url[..(scheme + 3)] + "***@" + url[(at + 1)..];
    }

    public static string Redact(Uri url) => string.IsNullOrEmpty(url.UserInfo) ? url.ToString() : Redact(url.OriginalString);
}
