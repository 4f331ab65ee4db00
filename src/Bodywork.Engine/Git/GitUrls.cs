using System.Text.RegularExpressions;

namespace Bodywork.Engine.Git;

/// <summary>Classifies and redacts repository URLs.</summary>
public static partial class GitUrls
{
    /// <summary>True for <c>ssh://…</c> and scp-like <c>user@host:path</c> URLs (key and host-key options apply).</summary>
    public static bool IsSsh(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase) || ScpLike().IsMatch(url);
    }

    /// <summary>
    /// The URL with any password or token removed (<c>https://user:token@host/x</c> → <c>https://user:***@host/x</c>,
    /// <c>https://token@host/x</c> → <c>https://***@host/x</c>), for messages and results. SSH user names are kept.
    /// </summary>
    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var match = HttpUserInfo().Match(url);
        if (!match.Success)
        {
            return url;
        }

        var userInfo = match.Groups["userinfo"].Value;
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var redacted = colon >= 0 ? userInfo[..colon] + ":***" : "***";
        return url[..match.Groups["userinfo"].Index] + redacted + url[(match.Groups["userinfo"].Index + userInfo.Length)..];
    }

    [GeneratedRegex(@"^[A-Za-z0-9._~-]+@[A-Za-z0-9.-]+:(?!//)", RegexOptions.CultureInvariant)]
    private static partial Regex ScpLike();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*://(?<userinfo>[^/@]+)@", RegexOptions.CultureInvariant)]
    private static partial Regex HttpUserInfo();
}
