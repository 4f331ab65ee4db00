using System.Text.Json;
using Bodywork.Cli.Management;
using Bodywork.Cli.Parsing;
using Bodywork.Cli.Workflows;
using Bodywork.Engine.Management;
using Bodywork.Engine.Manifests;
using Bodywork.Models.Management;

namespace Bodywork.Cli.Commands;

/// <summary><c>bodywork setup-namespace NAMESPACE</c>: the original's command and messages, least-privilege RBAC.</summary>
public static class SetupNamespaceCommand
{
    public static CliCommand Create() =>
        new CliCommand("setup-namespace",
                "Create and set up a namespace for Bodywork: the namespace if missing, the service accounts, roles and bindings "
                + "that workflows need (least privilege, see docs/namespace-rbac.md). Running it again changes nothing.")
            .Positional(new CliPositional("namespace", "namespace to set up"))
            .Option(new CliOption("kubeconfig", "kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)") { MetaVar = "FILE" })
            .Option(new CliOption("context", "kubeconfig context (default: the current context)") { MetaVar = "CONTEXT" })
            .Option(new CliOption("output", "output format") { Choices = ["text", "json"], Default = "text" })
            .Handle(RunAsync);

    private static async Task<int> RunAsync(CliInvocation invocation)
    {
        var ns = invocation.Get("namespace")!;
        ManagementValidation.NamespaceName(ns);
        using var connection = ClusterOptions.Connect(invocation);
        var context = new CliOperationContext(invocation.Error, invocation.CancellationToken);
        var result = await new NamespaceManager(connection.Api).SetUpAsync(ns, context).ConfigureAwait(false);
        if (ClusterOptions.Json(invocation))
        {
            await invocation.Out.WriteLineAsync(JsonSerializer.Serialize(result, ManagementJsonContext.Readable.BodyworkNamespace)).ConfigureAwait(false);
        }
        else
        {
            foreach (var line in Lines(result))
            {
                await invocation.Out.WriteLineAsync(line).ConfigureAwait(false);
            }
        }

        return result.IsReady ? CliApp.ExitOk : CliApp.ExitFailure;
    }

    /// <summary>The original's lines, in its order, rebuilt from what was created; updates are reported too.</summary>
    public static IEnumerable<string> Lines(BodyworkNamespace result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ns = result.Name;
        bool Created(string kind, string name) => result.Created.Contains($"{kind}/{name}");

        yield return Created("Namespace", ns) ? $"creating namespace={ns}" : $"namespace={ns} already exists";
        var controller = BodyworkNames.WorkflowControllerAccount;
        var binding = BodyworkNames.WorkflowControllerClusterRoleBinding(ns);
        if (Created("ServiceAccount", controller))
        {
            yield return $"creating service-account={controller} in namespace={ns}";
        }
        else
        {
            yield return $"service-account={controller} already exists in namespace={ns}";
        }

        if (Created("ClusterRoleBinding", binding))
        {
            yield return $"creating cluster-role-binding={binding}";
        }

        var stage = BodyworkNames.StageAccount;
        yield return Created("ServiceAccount", stage)
            ? $"creating service-account={stage} in namespace={ns}"
            : $"service-account={stage} already exists in namespace={ns}";
        foreach (var updated in result.Updated)
        {
            yield return $"updated {updated} to Bodywork's least-privilege rules";
        }

        foreach (var missing in result.Missing)
        {
            yield return $"{missing} is still missing";
        }
    }
}
