using Bodywork.Engine.Kubernetes.Config;

namespace Bodywork.Engine.Tests.Kubernetes.Config.Support;

/// <summary>Runs a config's authenticator on a throwaway request and returns what it added.</summary>
public static class AuthProbe
{
    public static async Task<HttpRequestMessage> AuthenticateAsync(ResolvedKubernetesConfig config)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(config.Server, "api/v1/namespaces"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await config.Authenticator.AuthenticateAsync(request, timeout.Token);
        return request;
    }

    public static async Task<string?> AuthorizationAsync(ResolvedKubernetesConfig config)
    {
        using var request = await AuthenticateAsync(config);
        return request.Headers.Authorization?.ToString();
    }
}
