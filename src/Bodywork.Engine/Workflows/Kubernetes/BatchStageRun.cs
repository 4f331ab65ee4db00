using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Errors;
using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Engine.Kubernetes.Watch;
using Bodywork.Engine.Manifests;

namespace Bodywork.Engine.Workflows.Kubernetes;

/// <summary>
/// One batch stage as a Job: create it (replacing a leftover of a crashed run), wait for its Complete or
/// Failed condition on the run's shared Job watch, follow its pods' logs, then delete it with its pods.
/// About three requests per stage: create, one log stream per attempt, delete.
/// </summary>
internal sealed class BatchStageRun
{
    private readonly IKubernetesApi _api;
    private readonly StageExecution _execution;
    private readonly Job _job;
    private readonly string _namespace;
    private readonly string _name;
    private readonly object _gate = new();
    private readonly Dictionary<string, Job> _seen = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<JobOutcome> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _uid;

    public BatchStageRun(IKubernetesApi api, StageExecution execution, StageSource source)
    {
        _api = api;
        _execution = execution;
        _job = JobManifest.Build(execution.Stage, execution.Run.Project.Path, source);
        _namespace = source.Namespace;
        _name = _job.Metadata.Name!;
    }

    public async Task<StageOutcome> RunAsync(SharedWatch<Job> jobWatch, SharedWatch<Pod> podWatch, CreatedJobs created,
        CancellationToken cancellationToken)
    {
        var events = _execution.Events;
        using var pods = new JobPods(_api.Pods, _namespace, _execution);
        using var jobSubscription = jobWatch.Subscribe(OnJob, ex => _done.TrySetException(ex));
        using var podSubscription = podWatch.Subscribe(pods.OnPod, _ => { });
        var createdJob = false;
        try
        {
            events.Action($"creating job={_name} in namespace={_namespace}");
            var job = await CreateAsync(cancellationToken).ConfigureAwait(false);
            createdJob = true;
            created.Add(_name);
            pods.SetJobUid(job.Metadata.Uid!);
            SetUid(job.Metadata.Uid!);
            events.Status("running");
            var outcome = await _done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            var status = outcome.Job?.Status;
            var attempts = Math.Max(pods.Count, (status?.Succeeded ?? 0) + (status?.Failed ?? 0));
            events.Action($"completed job={_name} from namespace={_namespace}");
            await pods.DrainAsync(_api.Jobs, _name, attempts, cancellationToken).ConfigureAwait(false);
            await DeleteAsync(created, CancellationToken.None).ConfigureAwait(false);
            return ToStageOutcome(outcome, Math.Max(1, Math.Max(attempts, pods.Count)), pods.LastTermination);
        }
        catch (OperationCanceledException)
        {
            pods.Stop();
            if (createdJob)
            {
                await DeleteAsync(created, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
        catch (Exception) when (createdJob)
        {
            pods.Stop();
            await DeleteAsync(created, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private void OnJob(WatchEventType type, Job job)
    {
        if (job.Metadata.Name != _name || job.Metadata.Uid is not { } uid)
        {
            return;
        }

        lock (_gate)
        {
            if (_uid is null)
            {
                _seen[uid] = job;
                return;
            }

            if (uid != _uid)
            {
                return;
            }
        }

        Evaluate(type, job);
    }

    private void SetUid(string uid)
    {
        Job? early;
        lock (_gate)
        {
            _uid = uid;
            _seen.Remove(uid, out early);
            _seen.Clear();
        }

        if (early is not null)
        {
            Evaluate(WatchEventType.Modified, early);
        }
    }

    private void Evaluate(WatchEventType type, Job job)
    {
        if (type == WatchEventType.Deleted)
        {
            _done.TrySetResult(JobCompletion.Evaluate(job) ?? new JobOutcome(JobOutcomeKind.Deleted, "Deleted",
                $"job={_name} was deleted before it finished", job));
        }
        else if (JobCompletion.Evaluate(job) is { } outcome)
        {
            _done.TrySetResult(outcome);
        }
    }

    /// <summary>Creates the Job; a Job of the same name left by an earlier, interrupted run is deleted first.</summary>
    private async Task<Job> CreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _api.Jobs.CreateAsync(_namespace, _job, null, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException ex) when (ex.Reason == KubernetesErrorReason.AlreadyExists)
        {
            _execution.Events.Action($"deleting job={_name} left over from an earlier run in namespace={_namespace}");
            await _api.Jobs.DeleteAsync(_namespace, _name, DeleteOptions.Default, cancellationToken).ConfigureAwait(false);
            var gone = await ResourceWait.ForAsync(_api.Jobs, _namespace, _name, j => j is null ? "gone" : null,
                TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            if (gone is null)
            {
                throw new KubernetesApiException(KubernetesErrorReason.AlreadyExists, "create job",
                    $"job={_name} from an earlier run is still being deleted in namespace={_namespace}");
            }

            return await _api.Jobs.CreateAsync(_namespace, _job, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeleteAsync(CreatedJobs created, CancellationToken cancellationToken)
    {
        // Cleanup must happen after Ctrl+C too, but must not hang: its own time limit, not the run's token.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(CreatedJobs.CleanupTimeout);
        _execution.Events.Action($"deleting job={_name} from namespace={_namespace}");
        try
        {
            await _api.Jobs.DeleteAsync(_namespace, _name, DeleteOptions.Default, limit.Token).ConfigureAwait(false);
            created.Remove(_name);
            _execution.Events.Action($"deleted job={_name} from namespace={_namespace}");
        }
        catch (Exception ex) when (ex is KubernetesApiException or OperationCanceledException or HttpRequestException)
        {
            // Left in CreatedJobs: FinishAsync tries once more.
            _execution.Events.Action($"could not delete job={_name} from namespace={_namespace}: {ex.Message}");
        }
    }

    private StageOutcome ToStageOutcome(JobOutcome outcome, int attempts, string? termination)
    {
        var limit = _execution.Stage.MaxCompletionTimeSeconds;
        var detail = termination is null ? "" : $"; last attempt: {termination}";
        return outcome.Kind switch
        {
            JobOutcomeKind.Succeeded => StageOutcome.Success() with { Attempts = attempts },
            JobOutcomeKind.Failed when outcome.Reason == "DeadlineExceeded" => StageOutcome.Timeout(
                $"ran longer than MAX_COMPLETION_TIME_SECONDS={limit} and was stopped (job={_name}: {outcome.Message}){detail}") with { Attempts = attempts },
            JobOutcomeKind.Failed => StageOutcome.Failure(
                $"job={_name} failed after {attempts} attempt(s): {outcome.Reason}: {outcome.Message}{detail}") with { Attempts = attempts },
            _ => StageOutcome.Failure($"job={_name}: {outcome.Reason}: {outcome.Message}") with { Attempts = attempts },
        };
    }
}
