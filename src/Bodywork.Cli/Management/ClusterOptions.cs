using Bodywork.Cli.Parsing;
using Bodywork.Engine.Kubernetes;
using Bodywork.Engine.Kubernetes.Config;

namespace Bodywork.Cli.Management;

/// <summary>The options every cluster command shares, and the connection they select.</summary>
public static class ClusterOptions
{
    public static CliCommand WithClusterOptions(this CliCommand command, bool json = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        command
            .Option(CliOption.Namespace(required: false, help: "Kubernetes namespace (default: the kubeconfig context's namespace)"))
            .Option(new CliOption("kubeconfig", "kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)") { MetaVar = "FILE" })
            .Option(new CliOption("context", "kubeconfig context (default: the current context)") { MetaVar = "CONTEXT" });
        if (json)
        {
            command.Option(new CliOption("output", "output format") { Choices = ["text", "json"], Default = "text" });
        }

        return command;
    }

    /// <summary>Opens the connection (after argument validation, as the original loaded its config).</summary>
    public static KubernetesConnection Connect(CliInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return KubernetesClientFactory.Create(new KubernetesConnectionOptions(invocation.Get("kubeconfig"), invocation.Get("context")));
    }

    /// <summary>--namespace, else the context's namespace.</summary>
    public static string Namespace(CliInvocation invocation, KubernetesConnection connection)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(connection);
        return invocation.Get("namespace") is { Length: > 0 } ns ? ns : connection.Namespace;
    }

    public static bool Json(CliInvocation invocation) => invocation?.Get("output") == "json";

    /// <summary>A validation failure before any cluster call: the original's message on stdout, exit 1.</summary>
    public static async Task<int> FailAsync(CliInvocation invocation, string message)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        await invocation.Out.WriteLineAsync(message).ConfigureAwait(false);
        return CliApp.ExitFailure;
    }
}
