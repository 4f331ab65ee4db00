using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Bodywork.Engine.Kubernetes.Config;
using Bodywork.Engine.Management;

namespace Bodywork.Commands.Completion;

/// <summary>
/// Completes names from the cluster named by the command's -KubeConfig/-Context (and -Namespace), through
/// <see cref="ManagementCompletion.Complete"/>: about 2 s at most, cached 30 s, silent on any failure.
/// </summary>
public abstract class ClusterNameCompleter : IArgumentCompleter
{
    private protected abstract CompletionKind Kind { get; }

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? "").Trim('\'', '"');
        var connection = new KubernetesConnectionOptions(Bound(fakeBoundParameters, "KubeConfig"), Bound(fakeBoundParameters, "Context"));
        var names = ManagementCompletion.Complete(connection, Kind, Bound(fakeBoundParameters, "Namespace"), prefix);
        return names.Select(n => new CompletionResult(Quote(n), n, CompletionResultType.ParameterValue, n)).ToList();
    }

    private static string? Bound(IDictionary? parameters, string name) =>
        parameters is not null && parameters.Contains(name) && parameters[name] is { } value ? value.ToString() : null;

    // Kubernetes names never need quotes; anything else (a foreign name with spaces) gets single quotes.
    private static string Quote(string name) =>
        name.All(c => char.IsLetterOrDigit(c) || c is '-' or '.' or '_') ? name : "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";
}

/// <summary>Namespaces of the cluster.</summary>
public sealed class NamespaceCompleter : ClusterNameCompleter
{
    private protected override CompletionKind Kind => CompletionKind.Namespace;
}

/// <summary>Secrets of the namespace.</summary>
public sealed class SecretNameCompleter : ClusterNameCompleter
{
    private protected override CompletionKind Kind => CompletionKind.Secret;
}

/// <summary>Bodywork services (deployments) of the namespace.</summary>
public sealed class ServiceNameCompleter : ClusterNameCompleter
{
    private protected override CompletionKind Kind => CompletionKind.Service;
}

/// <summary>Bodywork cron jobs of the namespace.</summary>
public sealed class CronJobNameCompleter : ClusterNameCompleter
{
    private protected override CompletionKind Kind => CompletionKind.CronJob;
}

/// <summary>Cron job runs (Jobs owned by a CronJob) of the namespace.</summary>
public sealed class CronJobRunNameCompleter : ClusterNameCompleter
{
    private protected override CompletionKind Kind => CompletionKind.CronJobRun;
}
