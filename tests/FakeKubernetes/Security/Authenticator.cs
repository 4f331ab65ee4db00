using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace FakeKubernetes;

/// <summary>Bearer tokens (optionally limited uses), basic credentials and CA-signed client certificates.</summary>
internal sealed class Authenticator
{
    private sealed class TokenEntry(string user, int? uses)
    {
        public string User { get; } = user;
        public int? Uses = uses;
    }

    private readonly ConcurrentDictionary<string, TokenEntry> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _basic = new(StringComparer.Ordinal);
    private readonly TlsMaterial? _tls;

    public Authenticator(string token, TlsMaterial? tls)
    {
        _tls = tls;
        _tokens[token] = new TokenEntry("fake-admin", null);
    }

    public void AddToken(string token, string user, int? uses) => _tokens[token] = new TokenEntry(user, uses);

    public void AddBasic(string user, string password) => _basic[user] = password;

    /// <summary>The authenticated user; "system:anonymous" when no credentials were sent; null when credentials are wrong or missing but required.</summary>
    public async Task<string?> AuthenticateAsync(HttpContext context, bool required)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header[7..].Trim();
            if (!_tokens.TryGetValue(token, out var entry)) return null;
            lock (entry)
            {
                if (entry.Uses is <= 0) return null;
                if (entry.Uses is not null) entry.Uses--;
            }
            return entry.User;
        }
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())); }
            catch (FormatException) { return null; }
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0) return null;
            var user = decoded[..colon];
            return _basic.TryGetValue(user, out var pw) && pw == decoded[(colon + 1)..] ? user : null;
        }
        if (_tls is not null && context.Request.IsHttps)
        {
            var cert = context.Connection.ClientCertificate ?? await context.Connection.GetClientCertificateAsync().ConfigureAwait(false);
            if (cert is not null)
                return _tls.IsIssuedByCa(cert) ? cert.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false) : null;
        }
        return required ? null : "system:anonymous";
    }
}
