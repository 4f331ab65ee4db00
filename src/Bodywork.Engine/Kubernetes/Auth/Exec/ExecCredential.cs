namespace Bodywork.Engine.Kubernetes.Auth.Exec;

/// <summary>What one plugin run returned: a token, a client certificate, or both; with an optional expiry.</summary>
internal sealed class ExecCredential(string? token, ClientCertificate? certificate, DateTimeOffset? expiresAt)
{
    public string? Token { get; } = token;
    public ClientCertificate? Certificate { get; } = certificate;
    public DateTimeOffset? ExpiresAt { get; } = expiresAt;

    public bool SameAs(ExecCredential? other) =>
        other is not null
        && string.Equals(Token, other.Token, StringComparison.Ordinal)
        && string.Equals(Certificate?.Leaf.Thumbprint, other.Certificate?.Leaf.Thumbprint, StringComparison.Ordinal);

    public override string ToString() => ExpiresAt is null ? "exec credential" : $"exec credential (expires {ExpiresAt:O})";
}
