using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Errors;
using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Engine.Manifests;
using Bodywork.Models.Management;
using Bodywork.Models.Operations;

namespace Bodywork.Engine.Management;

/// <summary>
/// Sets up namespaces for Bodywork and lists the ones that are. Set-up is idempotent: objects that exist
/// and match are left alone, objects whose rules differ from the least-privilege definition (for example a
/// namespace set up by the original, whose roles allowed everything) are re-applied, missing ones created.
/// </summary>
public sealed class NamespaceManager
{
    private readonly IKubernetesApi _api;

    public NamespaceManager(IKubernetesApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <summary>
    /// Creates what is missing (namespace, service accounts, roles, bindings). Asks
    /// <see cref="IOperationContext.ShouldProcess"/> before each write; a "no" skips that object and, for the
    /// namespace, everything inside it.
    /// </summary>
    public async Task<BodyworkNamespace> SetUpAsync(string @namespace, IOperationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ManagementValidation.NamespaceName(@namespace);
        var ct = context.CancellationToken;
        var log = new SetUpLog();

        var existing = await _api.Namespaces.GetAsync(@namespace, ct).ConfigureAwait(false);
        if (existing is null)
        {
            if (!context.ShouldProcess($"namespace '{@namespace}'", "Create Bodywork namespace"))
            {
                return log.Result(@namespace, null, ready: false, missing: ["Namespace/" + @namespace]);
            }

            context.WriteVerbose($"creating namespace={@namespace}");
            existing = await CreateOrGetAsync(() => _api.Namespaces.CreateAsync(NamespaceRbacManifests.Namespace(@namespace), cancellationToken: ct),
                () => _api.Namespaces.GetAsync(@namespace, ct), log, "Namespace/" + @namespace).ConfigureAwait(false);
        }
        else
        {
            log.Existing.Add("Namespace/" + @namespace);
        }

        await EnsureAsync(log, context, "ServiceAccount", NamespaceRbacManifests.WorkflowControllerAccount(@namespace), _api.ServiceAccounts, null).ConfigureAwait(false);
        await EnsureAsync(log, context, "Role", NamespaceRbacManifests.WorkflowControllerRole(@namespace), _api.Roles, r => Fingerprint.Rules(r.Rules)).ConfigureAwait(false);
        await EnsureAsync(log, context, "RoleBinding", NamespaceRbacManifests.WorkflowControllerRoleBinding(@namespace), _api.RoleBindings,
            b => Fingerprint.Binding(b.RoleRef, b.Subjects)).ConfigureAwait(false);
        await EnsureClusterAsync(log, context, "ClusterRole", NamespaceRbacManifests.WorkflowControllerClusterRoleObject(), _api.ClusterRoles, r => Fingerprint.Rules(r.Rules))
            .ConfigureAwait(false);
        await EnsureClusterAsync(log, context, "ClusterRoleBinding", NamespaceRbacManifests.WorkflowControllerClusterRoleBinding(@namespace),
            _api.ClusterRoleBindings, b => Fingerprint.Binding(b.RoleRef, b.Subjects)).ConfigureAwait(false);
        await EnsureAsync(log, context, "ServiceAccount", NamespaceRbacManifests.StageAccount(@namespace), _api.ServiceAccounts, null).ConfigureAwait(false);
        await EnsureAsync(log, context, "Role", NamespaceRbacManifests.StageRole(@namespace), _api.Roles, r => Fingerprint.Rules(r.Rules)).ConfigureAwait(false);
        await EnsureAsync(log, context, "RoleBinding", NamespaceRbacManifests.StageRoleBinding(@namespace), _api.RoleBindings,
            b => Fingerprint.Binding(b.RoleRef, b.Subjects)).ConfigureAwait(false);

        var readiness = await NamespaceCheck.CheckAsync(_api, @namespace, ct).ConfigureAwait(false);
        if (!log.Changed)
        {
            context.WriteVerbose($"namespace={@namespace} is already set up for Bodywork; nothing changed");
        }

        return log.Result(@namespace, existing, readiness.IsReady, readiness.Exists ? readiness.Missing : ["Namespace/" + @namespace]);
    }

    /// <summary>
    /// Namespaces that hold any Bodywork set-up (either service account or the controller's cluster role
    /// binding), with their readiness, filtered by <paramref name="pattern"/> (null = all). Four list calls
    /// regardless of the number of namespaces.
    /// </summary>
    public async Task<IReadOnlyList<BodyworkNamespace>> ListAsync(NamePattern? pattern, CancellationToken cancellationToken = default)
    {
        var namespaces = await _api.Namespaces.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var controllers = await AccountsAsync(BodyworkNames.WorkflowControllerAccount, cancellationToken).ConfigureAwait(false);
        var stages = await AccountsAsync(BodyworkNames.StageAccount, cancellationToken).ConfigureAwait(false);
        var bindings = (await _api.ClusterRoleBindings.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Items
            .Select(b => b.Metadata.Name ?? "").ToHashSet(StringComparer.Ordinal);

        var result = new List<BodyworkNamespace>();
        foreach (var ns in namespaces.Items.OrderBy(n => n.Metadata.Name, StringComparer.Ordinal))
        {
            var name = ns.Metadata.Name ?? "";
            if (pattern is not null && !pattern.IsMatch(name))
            {
                continue;
            }

            var bindingName = BodyworkNames.WorkflowControllerClusterRoleBinding(name);
            var missing = new List<string>();
            if (!controllers.Contains(name)) missing.Add("ServiceAccount/" + BodyworkNames.WorkflowControllerAccount);
            if (!bindings.Contains(bindingName)) missing.Add("ClusterRoleBinding/" + bindingName);
            if (!stages.Contains(name)) missing.Add("ServiceAccount/" + BodyworkNames.StageAccount);
            if (missing.Count == 3 && !(pattern is { IsWildcard: false }))
            {
                continue; // no Bodywork set-up at all: not a Bodywork namespace
            }

            result.Add(ToModel(ns, missing));
        }

        return result;
    }

    /// <summary>One namespace by exact name, set up or not; throws NamespaceNotFound when it does not exist.</summary>
    public async Task<BodyworkNamespace> GetAsync(string @namespace, CancellationToken cancellationToken = default)
    {
        var ns = await _api.Namespaces.GetAsync(@namespace, cancellationToken).ConfigureAwait(false)
            ?? throw ManagementErrors.NamespaceNotFound(@namespace);
        var readiness = await NamespaceCheck.CheckAsync(_api, @namespace, cancellationToken).ConfigureAwait(false);
        return ToModel(ns, readiness.Missing);
    }

    private static BodyworkNamespace ToModel(KubernetesNamespace ns, IReadOnlyList<string> missing) => new()
    {
        Name = ns.Metadata.Name ?? "",
        IsReady = missing.Count == 0,
        Missing = missing,
        Phase = ns.Status?.Phase,
        CreationTime = ns.Metadata.CreationTimestamp,
    };

    private async Task<HashSet<string>> AccountsAsync(string name, CancellationToken ct)
    {
        var list = await _api.ServiceAccounts.ListAsync(null, new ListOptions { FieldSelector = Selectors.ForName(name) }, ct).ConfigureAwait(false);
        return list.Items.Where(a => a.Metadata.Name == name).Select(a => a.Metadata.Namespace ?? "").ToHashSet(StringComparer.Ordinal);
    }

    private static async Task EnsureAsync<T>(SetUpLog log, IOperationContext context, string kind, T desired,
        INamespacedResourceClient<T> client, Func<T, string>? content) where T : class, IKubernetesObject
    {
        var ns = desired.Metadata.Namespace!;
        var name = desired.Metadata.Name!;
        var key = kind + "/" + name;
        var ct = context.CancellationToken;
        var current = await client.GetAsync(ns, name, ct).ConfigureAwait(false);
        await ReconcileAsync(log, context, key, $"{kind} '{name}' in namespace '{ns}'", current, desired, content,
            () => client.CreateAsync(ns, desired, cancellationToken: ct),
            () => client.GetAsync(ns, name, ct),
            () => client.ApplyAsync(ns, desired, cancellationToken: ct)).ConfigureAwait(false);
    }

    private static async Task EnsureClusterAsync<T>(SetUpLog log, IOperationContext context, string kind, T desired,
        IClusterResourceClient<T> client, Func<T, string> content) where T : class, IKubernetesObject
    {
        var name = desired.Metadata.Name!;
        var key = kind + "/" + name;
        var ct = context.CancellationToken;
        var current = await client.GetAsync(name, ct).ConfigureAwait(false);
        await ReconcileAsync(log, context, key, $"{kind} '{name}'", current, desired, content,
            () => client.CreateAsync(desired, cancellationToken: ct),
            () => client.GetAsync(name, ct),
            () => client.ApplyAsync(desired, cancellationToken: ct)).ConfigureAwait(false);
    }

    private static async Task ReconcileAsync<T>(SetUpLog log, IOperationContext context, string key, string target, T? current, T desired,
        Func<T, string>? content, Func<Task<T>> create, Func<Task<T?>> get, Func<Task<T>> apply) where T : class
    {
        if (current is null)
        {
            if (!context.ShouldProcess(target, "Create"))
            {
                log.Skipped.Add(key);
                return;
            }

            context.WriteVerbose($"creating {target}");
            await CreateOrGetAsync(create, get, log, key).ConfigureAwait(false);
            return;
        }

        if (content is null || string.Equals(content(current), content(desired), StringComparison.Ordinal))
        {
            log.Existing.Add(key);
            return;
        }

        if (!context.ShouldProcess(target, "Update to the least-privilege definition"))
        {
            log.Skipped.Add(key);
            return;
        }

        context.WriteVerbose($"updating {target}: its content differs from Bodywork's definition");
        await apply().ConfigureAwait(false);
        log.Updated.Add(key);
    }

    /// <summary>Creates; when another client created it meanwhile (409 AlreadyExists), that one counts as existing.</summary>
    private static async Task<T?> CreateOrGetAsync<T>(Func<Task<T>> create, Func<Task<T?>> get, SetUpLog log, string key) where T : class
    {
        try
        {
            var created = await create().ConfigureAwait(false);
            log.Created.Add(key);
            return created;
        }
        catch (KubernetesApiException e) when (e.Reason == KubernetesErrorReason.AlreadyExists)
        {
            log.Existing.Add(key);
            return await get().ConfigureAwait(false);
        }
    }

    private sealed class SetUpLog
    {
        public List<string> Created { get; } = [];
        public List<string> Updated { get; } = [];
        public List<string> Existing { get; } = [];
        public List<string> Skipped { get; } = [];

        public bool Changed => Created.Count > 0 || Updated.Count > 0;

        public BodyworkNamespace Result(string name, KubernetesNamespace? ns, bool ready, IReadOnlyList<string> missing) => new()
        {
            Name = name,
            IsReady = ready,
            Phase = ns?.Status?.Phase,
            CreationTime = ns?.Metadata.CreationTimestamp,
            Created = Created,
            Updated = Updated,
            Existing = Existing,
            Missing = missing,
        };
    }
}
