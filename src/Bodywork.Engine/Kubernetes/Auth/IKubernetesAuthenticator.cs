namespace Bodywork.Engine.Kubernetes.Auth;

/// <summary>
/// Puts the user's credentials on each request. Implementations are thread-safe and cache
/// whatever is expensive (exec plugin runs) until it expires.
/// </summary>
public interface IKubernetesAuthenticator
{
    /// <summary>Adds credentials (Authorization, Impersonate-* headers) to a request; may run an exec plugin.</summary>
    ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>
    /// Called once after a 401: drops cached credentials and re-reads token files or re-runs the exec plugin.
    /// Returns true when new credentials exist, so the caller may retry the request once.
    /// </summary>
    ValueTask<bool> RefreshAfterUnauthorizedAsync(CancellationToken cancellationToken);
}
