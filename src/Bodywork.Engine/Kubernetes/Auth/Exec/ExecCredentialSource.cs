using Bodywork.Engine.Kubernetes.Config;

namespace Bodywork.Engine.Kubernetes.Auth.Exec;

/// <summary>
/// Bearer token and/or client certificate from an exec plugin, run lazily on the first request and again
/// when the credential expires (30 s early) or the server answers 401.
/// </summary>
internal sealed class ExecCredentialSource : IBearerTokenSource, IClientCertificateSource
{
    /// <summary>Refresh this long before expirationTimestamp so a request never leaves with a token about to lapse.</summary>
    internal static readonly TimeSpan ExpirySkew = TimeSpan.FromSeconds(30);

    private readonly ExecPluginSettings _settings;
    private readonly KubeConfigEnvironment _environment;
    private readonly ExecCredentialCache.Entry _entry;

    public ExecCredentialSource(ExecPluginSettings settings, KubeConfigEnvironment environment)
    {
        _settings = settings;
        _environment = environment;
        _entry = environment.ExecCache.For(settings.CacheKey);
    }

    public ClientCertificate? Current => _entry.Credential?.Certificate;

    public int Generation => _entry.Generation;

    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) =>
        (await GetCredentialAsync(null, cancellationToken).ConfigureAwait(false)).Token;

    public async ValueTask<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var old = _entry.Credential;
        var fresh = await GetCredentialAsync(old ?? Stale, cancellationToken).ConfigureAwait(false);
        return !fresh.SameAs(old);
    }

    private static readonly ExecCredential Stale = new(null, null, null);

    /// <param name="reject">A credential the server refused: run the plugin unless another caller already replaced it.</param>
    private async ValueTask<ExecCredential> GetCredentialAsync(ExecCredential? reject, CancellationToken cancellationToken)
    {
        var cached = _entry.Credential;
        if (reject is null && IsUsable(cached))
        {
            return cached!;
        }

        await _entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cached = _entry.Credential;
            var replacedMeanwhile = reject is not null && cached is not null && !ReferenceEquals(cached, reject);
            if (IsUsable(cached) && (reject is null || replacedMeanwhile))
            {
                return cached!;
            }
            var fresh = await ExecPluginRunner.RunAsync(_settings, _environment, cancellationToken).ConfigureAwait(false);
            var certificateChanged = !string.Equals(fresh.Certificate?.Leaf.Thumbprint, cached?.Certificate?.Leaf.Thumbprint, StringComparison.Ordinal);
            _entry.Credential = fresh;
            if (certificateChanged)
            {
                _entry.Generation++;
            }
            return fresh;
        }
        finally
        {
            _entry.Gate.Release();
        }
    }

    private bool IsUsable(ExecCredential? credential) =>
        credential is not null
        && (credential.ExpiresAt is null || _environment.TimeProvider.GetUtcNow() < credential.ExpiresAt.Value - ExpirySkew);

    public override string ToString() => _settings.ToString();
}
