using System.Net.Http.Headers;
using System.Text;

namespace Bodywork.Engine.Kubernetes.Auth;

/// <summary>
/// The user's credentials for one cluster: bearer token (static, file or exec), basic auth, impersonation
/// headers; client certificates travel in the TLS handshake through <see cref="ClientCertificates"/>.
/// </summary>
internal sealed class KubernetesAuthenticator : IKubernetesAuthenticator
{
    private readonly IBearerTokenSource? _tokens;
    private readonly string? _basicCredentials;
    private readonly Impersonation? _impersonation;
    private readonly bool _sendCredentials;
    private readonly string _description;

    public KubernetesAuthenticator(IBearerTokenSource? tokens, (string User, string Password)? basic, IClientCertificateSource? clientCertificates,
        Impersonation? impersonation, bool sendCredentials, string description)
    {
        _tokens = tokens;
        _basicCredentials = basic is { } b ? Convert.ToBase64String(Encoding.UTF8.GetBytes(b.User + ":" + b.Password)) : null;
        ClientCertificates = clientCertificates;
        _impersonation = impersonation;
        _sendCredentials = sendCredentials;
        _description = description;
    }

    /// <summary>Anonymous: no credentials at all.</summary>
    public static KubernetesAuthenticator Anonymous { get; } = new(null, null, null, null, false, "anonymous");

    public IClientCertificateSource? ClientCertificates { get; }

    public async ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _impersonation?.Apply(request);
        // kubectl sends no credentials over plain http; the request may also carry its own Authorization.
        if (!_sendCredentials || request.Headers.Authorization is not null)
        {
            return;
        }
        if (_tokens is not null)
        {
            var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(token))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return;
            }
        }
        if (_basicCredentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _basicCredentials);
        }
    }

    public async ValueTask<bool> RefreshAfterUnauthorizedAsync(CancellationToken cancellationToken) =>
        _sendCredentials && _tokens is not null && await _tokens.RefreshAsync(cancellationToken).ConfigureAwait(false);

    public override string ToString() => _description;
}
