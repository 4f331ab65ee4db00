namespace Bodywork.Commands.Infrastructure;

/// <summary>Which kubeconfig file and context to use; null means the engine default.</summary>
public sealed record ClusterConnectionOptions(string? KubeConfigPath, string? Context);
