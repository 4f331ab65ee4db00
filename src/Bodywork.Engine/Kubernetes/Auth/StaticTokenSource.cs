namespace Bodywork.Engine.Kubernetes.Auth;

/// <summary>The kubeconfig's <c>token</c>: never changes, so a 401 cannot be fixed by refreshing.</summary>
internal sealed class StaticTokenSource(string token) : IBearerTokenSource
{
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(token);

    public ValueTask<bool> RefreshAsync(CancellationToken cancellationToken) => ValueTask.FromResult(false);

    public override string ToString() => "static token";
}
