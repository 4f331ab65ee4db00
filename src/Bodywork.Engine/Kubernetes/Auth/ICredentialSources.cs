namespace Bodywork.Engine.Kubernetes.Auth;

/// <summary>Where a bearer token comes from: the kubeconfig, a file that rotates, or an exec plugin.</summary>
internal interface IBearerTokenSource
{
    /// <summary>The token to send now, or null when this source has none (an exec plugin that returned a certificate).</summary>
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>Forgets what is cached and fetches again; true when the credentials changed.</summary>
    ValueTask<bool> RefreshAsync(CancellationToken cancellationToken);
}

/// <summary>The client certificate to present in the TLS handshake; the generation changes when it does.</summary>
internal interface IClientCertificateSource
{
    ClientCertificate? Current { get; }

    /// <summary>Bumped whenever <see cref="Current"/> is replaced, so the handler can drop pooled connections.</summary>
    int Generation { get; }
}

internal sealed class StaticClientCertificateSource(ClientCertificate certificate) : IClientCertificateSource
{
    public ClientCertificate? Current => certificate;
    public int Generation => 0;
}
