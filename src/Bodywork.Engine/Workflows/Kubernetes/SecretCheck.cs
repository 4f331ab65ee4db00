using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Models.Errors;
using Bodywork.Models.Projects;

namespace Bodywork.Engine.Workflows.Kubernetes;

/// <summary>
/// Before anything is created: every [secrets] entry of every stage must name an existing Secret that has
/// the key (spec §4.8). Only key names are looked at, never values.
/// </summary>
internal static class SecretCheck
{
    public static async Task EnsureAsync(IKubernetesApi api, string namespaceName, BodyworkProject project, CancellationToken cancellationToken)
    {
        var wanted = project.Stages.SelectMany(s => s.Secrets).Distinct().ToList();
        var missing = new List<string>();
        foreach (var group in wanted.GroupBy(s => s.SecretName, StringComparer.Ordinal))
        {
            var secret = await api.Secrets.GetAsync(namespaceName, group.Key, cancellationToken).ConfigureAwait(false);
            foreach (var entry in group)
            {
                if (secret?.Data?.ContainsKey(entry.EnvironmentVariable) != true)
                {
                    missing.Add($"cannot find key={entry.EnvironmentVariable} in secret={entry.SecretName} in namespace={namespaceName}");
                }
            }
        }

        if (missing.Count > 0)
        {
            throw new BodyworkException(BodyworkErrorIds.SecretNotFound, BodyworkErrorCategory.ObjectNotFound,
                string.Join("; ", missing), namespaceName,
                "Create the secrets first (New-BodyworkSecret / bodywork secret create).");
        }
    }
}
