namespace Bodywork.Engine.Kubernetes.Auth.Exec;

internal enum ExecInteractiveMode
{
    Never,
    IfAvailable,
    Always,
}

/// <summary>A validated exec section of a kubeconfig user, plus the cluster info to hand over when asked.</summary>
internal sealed class ExecPluginSettings
{
    public required string Command { get; init; }
    public required IReadOnlyList<string> Args { get; init; }
    public required IReadOnlyList<KeyValuePair<string, string>> Env { get; init; }
    public required string ApiVersion { get; init; }
    public string? InstallHint { get; init; }
    public ExecInteractiveMode InteractiveMode { get; init; }

    /// <summary>Only when provideClusterInfo is true.</summary>
    public ExecClusterJson? Cluster { get; init; }

    /// <summary>For messages: "user 'x' in kubeconfig '/path'".</summary>
    public required string Origin { get; init; }

    /// <summary>Identifies the plugin configuration for the process-wide credential cache. Contains no secrets
    /// beyond what the kubeconfig already holds in clear text, and is never printed.</summary>
    public string CacheKey => string.Join('\u001f',
        new[] { Command, ApiVersion, InteractiveMode.ToString(), Cluster?.Server ?? "", Cluster?.Config?.GetRawText() ?? "" }
            .Concat(Args).Concat(Env.Select(e => e.Key + "=" + e.Value)));

    public override string ToString() => $"exec plugin {Command}";
}
