using System.Runtime.CompilerServices;
using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Engine.Kubernetes.Watch;
using Bodywork.Models.Errors;

namespace Bodywork.Engine.Management;

/// <summary>
/// The workflow controller's log of one cron job run. The name may be a run (Job) name or a cron job
/// name, which means its newest run — so <c>Get-BodyworkCronJob | Get-BodyworkCronJobLog</c> shows the
/// latest log. Of a run that was retried, the newest attempt's pod is read.
/// </summary>
public sealed class CronJobLogReader
{
    /// <summary>How long -Follow waits for the run's pod to appear and its container to start.</summary>
    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromMinutes(5);

    private readonly IKubernetesApi _api;

    public CronJobLogReader(IKubernetesApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <summary>
    /// Yields log lines. Without <paramref name="follow"/>: the log as it is now. With it: lines as they are
    /// written until the container exits, waiting up to <paramref name="startTimeout"/> for the pod to start.
    /// </summary>
    /// <exception cref="BodyworkException"><see cref="BodyworkErrorIds.CronJobRunNotFound"/> when neither a run nor a cron job has that name, or it has no pod.</exception>
    public async IAsyncEnumerable<string> ReadAsync(string @namespace, string name, bool follow, TimeSpan? startTimeout = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ManagementValidation.NamespaceName(@namespace);
        var jobName = await ResolveJobAsync(@namespace, name, cancellationToken).ConfigureAwait(false);
        var pod = await NewestPodAsync(@namespace, jobName, cancellationToken).ConfigureAwait(false);
        if (pod is null && follow)
        {
            pod = await WaitForPodAsync(@namespace, jobName, startTimeout ?? DefaultStartTimeout, cancellationToken).ConfigureAwait(false);
        }

        if (pod is null)
        {
            throw NoPod(name);
        }

        var podName = pod.Metadata.Name!;
        if (!follow)
        {
            var text = await _api.Pods.ReadLogAsync(@namespace, podName, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var line in SplitLines(text))
            {
                yield return line;
            }

            yield break;
        }

        await WaitUntilStartedAsync(@namespace, podName, startTimeout ?? DefaultStartTimeout, cancellationToken).ConfigureAwait(false);
        await foreach (var line in _api.Pods.StreamLogAsync(@namespace, podName, new PodLogOptions { Follow = true }, cancellationToken)
                           .ConfigureAwait(false))
        {
            yield return line;
        }
    }

    /// <summary>The Job to read: the name itself when a Job has it, else the newest run of the cron job of that name.</summary>
    private async Task<string> ResolveJobAsync(string @namespace, string name, CancellationToken ct)
    {
        if (await _api.Jobs.GetAsync(@namespace, name, ct).ConfigureAwait(false) is not null)
        {
            return name;
        }

        var cronJob = await _api.CronJobs.GetAsync(@namespace, name, ct).ConfigureAwait(false);
        if (cronJob is null)
        {
            if (await _api.Namespaces.GetAsync(@namespace, ct).ConfigureAwait(false) is null)
            {
                throw ManagementErrors.NamespaceNotFound(@namespace);
            }

            throw NoPod(name);
        }

        var jobs = await _api.Jobs.ListAsync(@namespace, cancellationToken: ct).ConfigureAwait(false);
        var newest = jobs.Items.Where(j => CronJobManager.IsOwnedBy(j, cronJob))
            .OrderByDescending(j => j.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue)
            .ThenByDescending(j => j.Metadata.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return newest?.Metadata.Name ?? throw NoPod(name);
    }

    private async Task<Pod?> NewestPodAsync(string @namespace, string jobName, CancellationToken ct)
    {
        var pods = await _api.Jobs.ListPodsAsync(@namespace, jobName, ct).ConfigureAwait(false);
        return pods.OrderByDescending(p => p.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue)
            .ThenByDescending(p => p.Status?.StartTime ?? DateTimeOffset.MinValue)
            .FirstOrDefault();
    }

    private async Task<Pod?> WaitForPodAsync(string @namespace, string jobName, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            var selector = "batch.kubernetes.io/job-name=" + jobName;
            await foreach (var change in _api.Pods.WatchAsync(@namespace, new WatchOptions { LabelSelector = selector }, linked.Token).ConfigureAwait(false))
            {
                if (change.Type != WatchEventType.Deleted && change.Resource.Metadata.Name is not null)
                {
                    return change.Resource;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
        }

        return null;
    }

    /// <summary>A waiting container has no log yet; wait (on a watch) until it runs or has ended.</summary>
    private async Task WaitUntilStartedAsync(string @namespace, string podName, TimeSpan timeout, CancellationToken ct)
    {
        await ResourceWait.ForAsync(_api.Pods, @namespace, podName,
            pod => pod is null || pod.Status?.Phase is "Running" or "Succeeded" or "Failed" ? "started" : null,
            timeout, ct).ConfigureAwait(false);
    }

    internal static IEnumerable<string> SplitLines(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var count = lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        for (var i = 0; i < count; i++)
        {
            yield return lines[i];
        }
    }

    private static BodyworkException NoPod(string name) =>
        ManagementErrors.NotFound(BodyworkErrorIds.CronJobRunNotFound, $"cannot find pod for workflow-job={name}", name);
}
