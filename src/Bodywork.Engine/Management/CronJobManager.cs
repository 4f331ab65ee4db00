using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Errors;
using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Engine.Manifests;
using Bodywork.Models.Errors;
using Bodywork.Models.Management;
using Bodywork.Models.Operations;

namespace Bodywork.Engine.Management;

/// <summary>CronJobs that run the workflow controller on a schedule, and the history of their runs.</summary>
public sealed class CronJobManager
{
    private readonly IKubernetesApi _api;

    public CronJobManager(IKubernetesApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <summary>
    /// Validates the request (nothing is sent when it is bad), checks that the namespace is set up for
    /// Bodywork, then creates the CronJob — or with <paramref name="force"/> re-applies an existing one.
    /// Returns null when ShouldProcess said no.
    /// </summary>
    public async Task<BodyworkCronJob?> CreateAsync(CronJobRequest request, bool force, IOperationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        ManagementValidation.NamespaceName(request.Namespace);
        ManagementValidation.CronJobName(request.Name);
        ManagementValidation.Schedule(request.Schedule);
        ManagementValidation.GitSource(request.GitRepoUrl, request.Branch);
        if (request.Retry < 0 || request.HistoryLimit < 0)
        {
            throw ManagementErrors.InvalidArgument($"retries ({request.Retry}) and history limit ({request.HistoryLimit}) must not be negative", request.Name);
        }

        var ct = context.CancellationToken;
        await NamespaceCheck.EnsureNamespaceReadyAsync(_api, request.Namespace, ct).ConfigureAwait(false);
        var existing = await _api.CronJobs.GetAsync(request.Namespace, request.Name, ct).ConfigureAwait(false);
        if (existing is not null && !force)
        {
            throw AlreadyExists(request.Namespace, request.Name);
        }

        var target = $"cronjob '{request.Name}' in namespace '{request.Namespace}' ({request.Schedule}: {request.GitRepoUrl} {request.Branch})";
        if (!context.ShouldProcess(target, existing is null ? "Create Bodywork cron job" : "Replace Bodywork cron job"))
        {
            return null;
        }

        var manifest = CronJobManifests.CronJob(request);
        CronJob stored;
        if (existing is null)
        {
            context.WriteVerbose($"creating cronjob={request.Name} in namespace={request.Namespace}");
            try
            {
                stored = await _api.CronJobs.CreateAsync(request.Namespace, manifest, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.Reason == KubernetesErrorReason.AlreadyExists)
            {
                throw AlreadyExists(request.Namespace, request.Name);
            }
        }
        else
        {
            context.WriteVerbose($"re-applying cronjob={request.Name} in namespace={request.Namespace}");
            stored = await _api.CronJobs.ApplyAsync(request.Namespace, manifest, cancellationToken: ct).ConfigureAwait(false);
        }

        return ToModel(stored);
    }

    /// <summary>Bodywork CronJobs matching <paramref name="pattern"/> (null = all).</summary>
    public async Task<IReadOnlyList<BodyworkCronJob>> ListAsync(string @namespace, NamePattern? pattern, CancellationToken cancellationToken = default)
    {
        ManagementValidation.NamespaceName(@namespace);
        var list = await _api.CronJobs.ListAsync(@namespace, new ListOptions { LabelSelector = BodyworkLabels.ManagedSelector }, cancellationToken)
            .ConfigureAwait(false);
        var result = list.Items
            .Where(c => pattern is null || pattern.IsMatch(c.Metadata.Name ?? ""))
            .OrderBy(c => c.Metadata.Name, StringComparer.Ordinal)
            .Select(ToModel)
            .ToList();
        if (result.Count == 0)
        {
            await RequireNamespaceAsync(@namespace, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>One CronJob by exact name; <see cref="BodyworkErrorIds.CronJobNotFound"/> when missing.</summary>
    public async Task<BodyworkCronJob> GetAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        ToModel(await FindAsync(@namespace, name, cancellationToken).ConfigureAwait(false));

    /// <summary>Deletes the CronJob with background propagation (its Jobs and pods go too). Null when ShouldProcess said no.</summary>
    public async Task<BodyworkCronJob?> RemoveAsync(string @namespace, string name, IOperationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var found = await GetAsync(@namespace, name, context.CancellationToken).ConfigureAwait(false);
        if (!context.ShouldProcess($"cronjob '{name}' in namespace '{@namespace}'", "Remove Bodywork cron job"))
        {
            return null;
        }

        context.WriteVerbose($"deleting cronjob={name} from namespace={@namespace}");
        if (!await _api.CronJobs.DeleteAsync(@namespace, name, cancellationToken: context.CancellationToken).ConfigureAwait(false))
        {
            throw NotFound(@namespace, name);
        }

        return found;
    }

    /// <summary>The runs (Jobs owned by the CronJob), oldest first.</summary>
    public async Task<IReadOnlyList<BodyworkCronJobRun>> HistoryAsync(string @namespace, string name, CancellationToken cancellationToken = default)
    {
        var cronJob = await FindAsync(@namespace, name, cancellationToken).ConfigureAwait(false);
        var jobs = await _api.Jobs.ListAsync(@namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        return jobs.Items
            .Where(j => IsOwnedBy(j, cronJob))
            .Select(j => CronJobRuns.ToRun(j, name))
            .OrderBy(r => r.StartTime ?? DateTimeOffset.MaxValue)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
    }

    internal async Task<CronJob> FindAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        ManagementValidation.NamespaceName(@namespace);
        var cronJob = await _api.CronJobs.GetAsync(@namespace, name, cancellationToken).ConfigureAwait(false);
        if (cronJob is null)
        {
            await RequireNamespaceAsync(@namespace, cancellationToken).ConfigureAwait(false);
            throw NotFound(@namespace, name);
        }

        return cronJob;
    }

    internal static bool IsOwnedBy(Job job, CronJob cronJob) =>
        job.Metadata.OwnerReferences?.Any(o => o.Kind == "CronJob" && o.Name == cronJob.Metadata.Name
            && (string.IsNullOrEmpty(cronJob.Metadata.Uid) || string.IsNullOrEmpty(o.Uid) || o.Uid == cronJob.Metadata.Uid)) == true;

    private async Task RequireNamespaceAsync(string @namespace, CancellationToken ct)
    {
        if (await _api.Namespaces.GetAsync(@namespace, ct).ConfigureAwait(false) is null)
        {
            throw ManagementErrors.NamespaceNotFound(@namespace);
        }
    }

    private static BodyworkCronJob ToModel(CronJob cronJob)
    {
        var annotations = cronJob.Metadata.Annotations;
        var jobSpec = cronJob.Spec?.JobTemplate.Spec;
        var container = jobSpec?.Template.Spec?.Containers is { Count: > 0 } containers ? containers[0] : null;
        var (argUrl, argBranch) = GitArguments(container?.Args);
        return new BodyworkCronJob
        {
            Name = cronJob.Metadata.Name ?? "",
            Namespace = cronJob.Metadata.Namespace ?? "",
            Schedule = cronJob.Spec?.Schedule ?? "",
            GitRepoUrl = annotations?.GetValueOrDefault(BodyworkLabels.GitUrlAnnotation) ?? argUrl,
            Branch = annotations?.GetValueOrDefault(BodyworkLabels.GitBranchAnnotation) ?? argBranch,
            Image = container?.Image,
            Retry = jobSpec?.BackoffLimit,
            HistoryLimit = cronJob.Spec?.SuccessfulJobsHistoryLimit,
            LastScheduleTime = cronJob.Status?.LastScheduleTime,
            LastSuccessfulTime = cronJob.Status?.LastSuccessfulTime,
            ActiveRuns = cronJob.Status?.Active?.Count ?? 0,
            Suspended = cronJob.Spec?.Suspend == true,
            CreationTime = cronJob.Metadata.CreationTimestamp,
        };
    }

    /// <summary>The last two positional arguments: URL and branch (ours and the original's layouts).</summary>
    private static (string? Url, string? Branch) GitArguments(IReadOnlyList<string>? args)
    {
        var positionals = new List<string>();
        for (var i = 0; args is not null && i < args.Count; i++)
        {
            if (args[i] is "--namespace" or "--ns")
            {
                i++;
            }
            else if (!args[i].StartsWith('-') && args[i] != "workflow")
            {
                positionals.Add(args[i]);
            }
        }

        return positionals.Count switch { >= 2 => (positionals[^2], positionals[^1]), 1 => (positionals[0], null), _ => (null, null) };
    }

    private static BodyworkException NotFound(string @namespace, string name) =>
        ManagementErrors.NotFound(BodyworkErrorIds.CronJobNotFound, $"cronjob={name} not found in namespace={@namespace}", name);

    private static BodyworkException AlreadyExists(string @namespace, string name) =>
        ManagementErrors.AlreadyExists(BodyworkErrorIds.CronJobAlreadyExists, $"cronjob={name} already exists in namespace={@namespace}", name,
            "Use -Force (New-BodyworkCronJob) to re-apply it, or remove it first.");
}
