using Bodywork.Models.Errors;

namespace Bodywork.Engine.Kubernetes.Auth;

/// <summary>
/// A token read from a file that something else rotates (kubelet's projected service-account token,
/// <c>tokenFile</c>): re-read after a short cache and after every 401. While the file is unreadable the
/// kubeconfig's static token, if any, is used instead.
/// </summary>
internal sealed class TokenFileSource(string path, string? fallbackToken, TimeProvider time, TimeSpan cacheDuration) : IBearerTokenSource
{
    private readonly object _lock = new();
    private string? _token;
    private DateTimeOffset _readAt;

    public string Path => path;

    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_token is null || now - _readAt >= cacheDuration || now < _readAt)
            {
                _token = Read();
                _readAt = now;
            }
            return ValueTask.FromResult<string?>(_token);
        }
    }

    public ValueTask<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var old = _token;
            _token = Read();
            _readAt = time.GetUtcNow();
            return ValueTask.FromResult(!string.Equals(old, _token, StringComparison.Ordinal));
        }
    }

    private string Read()
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            if (text.Length > 0)
            {
                return text;
            }
            if (fallbackToken is not null)
            {
                return fallbackToken;
            }
            throw new BodyworkException(BodyworkErrorIds.Unauthorized, BodyworkErrorCategory.AuthenticationError,
                $"The token file '{path}' is empty.", path, "Check that the file holds a bearer token.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (fallbackToken is not null)
            {
                return fallbackToken;
            }
            throw new BodyworkException(BodyworkErrorIds.Unauthorized, BodyworkErrorCategory.AuthenticationError,
                $"The token file '{path}' cannot be read: {e.Message}", path, "Check the tokenFile path in the kubeconfig (or the mounted service-account token).", e);
        }
    }

    public override string ToString() => $"token file {path}";
}
