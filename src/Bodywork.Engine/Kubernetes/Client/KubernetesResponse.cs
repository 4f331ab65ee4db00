namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>A buffered response: status code and body text.</summary>
internal sealed record KubernetesResponse(int StatusCode, string Body);
