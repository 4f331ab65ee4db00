namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>One logical API call; the transport builds a fresh HttpRequestMessage for every attempt.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="RelativeUri">Path and query relative to the server URL (no leading slash).</param>
/// <param name="Operation">What is done to which object, for error messages ("applying Job ns/name").</param>
internal sealed record KubernetesRequest(HttpMethod Method, string RelativeUri, string Operation)
{
    /// <summary>Request body (UTF-8 JSON); never appears in any message.</summary>
    public string? Body { get; init; }

    /// <summary>Content type of <see cref="Body"/>.</summary>
    public string? ContentType { get; init; }

    /// <summary>Safe to repeat after an ambiguous failure (connection loss, 5xx).</summary>
    public bool Idempotent { get; init; } = true;

    /// <summary>Long-running (watch, followed log): no per-request timeout; the caller reads the stream.</summary>
    public bool Streaming { get; init; }

    /// <summary>Accept header.</summary>
    public string Accept { get; init; } = "application/json";
}
