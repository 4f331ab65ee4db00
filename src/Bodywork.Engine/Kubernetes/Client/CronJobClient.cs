using Bodywork.Engine.Kubernetes.Errors;
using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>CronJobs plus "trigger now" (kubectl create job --from=cronjob/NAME).</summary>
internal sealed class CronJobClient : NamespacedResourceClient<CronJob>, ICronJobClient
{
    private readonly IJobClient _jobs;

    public CronJobClient(ResourceOperations<CronJob> operations, IJobClient jobs) : base(operations) => _jobs = jobs;

    public async Task<Job> TriggerAsync(string namespaceName, string cronJobName, string? jobName = null, WriteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var cronJob = await GetAsync(namespaceName, cronJobName, cancellationToken).ConfigureAwait(false)
            ?? throw new KubernetesApiException(KubernetesErrorReason.NotFound, $"triggering CronJob {namespaceName}/{cronJobName}",
                $"triggering CronJob {namespaceName}/{cronJobName}: cronjobs.batch \"{cronJobName}\" not found", 404);
        return await _jobs.CreateAsync(namespaceName, BuildManualJob(cronJob, jobName), options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The Job kubectl would create from the CronJob's jobTemplate.</summary>
    internal static Job BuildManualJob(CronJob cronJob, string? jobName)
    {
        var template = cronJob.Spec?.JobTemplate ?? new JobTemplateSpec();
        var annotations = new Dictionary<string, string>(template.Metadata?.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["cronjob.kubernetes.io/instantiate"] = "manual",
        };
        var name = cronJob.Metadata.Name ?? "";
        return new Job
        {
            Metadata = new ObjectMeta
            {
                Name = jobName,
                // CronJob names are at most 52 characters, so "-manual-" plus 5 random characters still fits 63.
                GenerateName = jobName is null ? name + "-manual-" : null,
                Labels = template.Metadata?.Labels,
                Annotations = annotations,
                OwnerReferences =
                [
                    new OwnerReference
                    {
                        ApiVersion = "batch/v1",
                        Kind = "CronJob",
                        Name = name,
                        Uid = cronJob.Metadata.Uid ?? "",
                        Controller = true,
                        BlockOwnerDeletion = true,
                    },
                ],
            },
            Spec = template.Spec,
        };
    }
}
