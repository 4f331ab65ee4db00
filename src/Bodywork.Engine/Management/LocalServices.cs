using Bodywork.Engine.Local;
using Bodywork.Models.Errors;
using Bodywork.Models.Local;
using Bodywork.Models.Operations;

namespace Bodywork.Engine.Management;

/// <summary>
/// Get-/Remove-BodyworkService -Local and <c>bodywork service ... --local</c>: the services local workflow
/// runs started, with the same name semantics (wildcards, not-found errors, ShouldProcess) as the cluster.
/// </summary>
public static class LocalServices
{
    public static IReadOnlyList<LocalService> List(LocalServiceStore store, NamePattern? pattern)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.List().Where(s => pattern is null || pattern.IsMatch(s.Name)).ToList();
    }

    public static LocalService Find(LocalServiceStore store, string name)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Find(name) ?? throw NotFound(name);
    }

    /// <summary>Stops the service; null when ShouldProcess said no.</summary>
    public static async Task<LocalService?> StopAsync(LocalServiceStore store, string name, IOperationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var service = Find(store, name);
        if (!context.ShouldProcess($"local service '{name}' (process {service.ProcessId}, {service.Url})", "Stop local Bodywork service"))
        {
            return null;
        }

        context.WriteVerbose($"stopping local service={name} (process {service.ProcessId})");
        return await store.StopByNameAsync(name, cancellationToken: context.CancellationToken).ConfigureAwait(false) ?? throw NotFound(name);
    }

    private static BodyworkException NotFound(string name) =>
        ManagementErrors.NotFound(BodyworkErrorIds.ServiceNotFound, $"local service={name} not found (no local workflow run started it)", name);
}
