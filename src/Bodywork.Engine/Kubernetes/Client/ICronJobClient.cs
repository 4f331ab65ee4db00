using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>batch/v1 CronJobs plus "trigger now".</summary>
public interface ICronJobClient : INamespacedResourceClient<CronJob>
{
    /// <summary>
    /// Creates a Job from the CronJob's jobTemplate, like <c>kubectl create job --from=cronjob/NAME</c>:
    /// annotation cronjob.kubernetes.io/instantiate=manual, ownerReference to the CronJob. Job name:
    /// <paramref name="jobName"/>, else "NAME-manual-" plus a short unique suffix (generateName).
    /// Throws NotFound when the CronJob does not exist.
    /// </summary>
    Task<Job> TriggerAsync(string namespaceName, string cronJobName, string? jobName = null, WriteOptions? options = null,
        CancellationToken cancellationToken = default);
}
