namespace Bodywork.Engine.Kubernetes.Config;

/// <summary>
/// What the user chose on the command line: an explicit kubeconfig file, a context and a namespace.
/// Every null means "as kubectl would decide" (KUBECONFIG, current-context, the context's namespace).
/// </summary>
public sealed record KubernetesConnectionOptions(string? KubeConfigPath = null, string? Context = null, string? Namespace = null);
