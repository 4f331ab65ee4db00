using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Errors;
using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Engine.Kubernetes.Watch;
using Bodywork.Engine.Manifests;
using Bodywork.Models.Errors;

namespace Bodywork.Engine.Workflows.Kubernetes;

/// <summary>
/// One service stage as a Deployment: apply it (an unchanged template changes nothing, so nothing restarts),
/// watch the rollout until it completes or MAX_STARTUP_TIME_SECONDS passes, then expose it with a ClusterIP
/// Service — or, on failure or Ctrl+C, roll back to the previous revision (delete it when it was first-ever).
/// </summary>
internal sealed class ServiceStageRun
{
    private readonly IKubernetesApi _api;
    private readonly StageExecution _execution;
    private readonly StageSource _source;
    private readonly string _namespace;
    private readonly string _name;

    public ServiceStageRun(IKubernetesApi api, StageExecution execution, StageSource source)
    {
        _api = api;
        _execution = execution;
        _source = source;
        _namespace = source.Namespace;
        _name = execution.Stage.ObjectName;
    }

    public async Task<StageOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var events = _execution.Events;
        var deployment = DeploymentManifest.Build(_execution.Stage, _execution.Run.Project.Path, _source);
        var existing = await _api.Deployments.GetAsync(_namespace, _name, cancellationToken).ConfigureAwait(false);
        events.Action($"{(existing is null ? "creating" : "updating")} deployment={_name} in namespace={_namespace}");
        var applied = false;
        try
        {
            var result = await _api.Deployments.ApplyAsync(_namespace, deployment, null, cancellationToken).ConfigureAwait(false);
            applied = true;
            if (existing is not null && result.Metadata.Generation == existing.Metadata.Generation)
            {
                events.Action($"deployment={_name} is unchanged");
            }

            var rollout = await RolloutStatus.WaitAsync(_api.Deployments, _namespace, _name, _execution.TimeLimit,
                onProgress: events.Status, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (rollout.IsSuccess)
            {
                events.Action($"successful deployment={_name} in namespace={_namespace}");
                await CollectLogsAsync(cancellationToken).ConfigureAwait(false);
                var url = ServiceManifest.Url(_execution.Stage, _namespace);
                events.Action($"exposing deployment={_name} in namespace={_namespace} at {url}");
                await _api.Services.ApplyAsync(_namespace, ServiceManifest.Build(_execution.Stage, _source), null, cancellationToken)
                    .ConfigureAwait(false);
                return StageOutcome.Success(url);
            }

            events.Action($"deployment={_name} failed to roll out: {rollout.Message}");
            await CollectLogsAsync(cancellationToken).ConfigureAwait(false);
            var undo = await UndoAsync(existing is null, CancellationToken.None).ConfigureAwait(false);
            var message = $"deployment={_name} {rollout.Message}; {undo}";
            return rollout.Kind is RolloutOutcomeKind.TimedOut or RolloutOutcomeKind.ProgressDeadlineExceeded
                ? StageOutcome.Timeout($"not ready within MAX_STARTUP_TIME_SECONDS={_execution.Stage.MaxStartupTimeSeconds}: {message}")
                : StageOutcome.Failure(message);
        }
        catch (Exception ex) when (applied && ex is OperationCanceledException or KubernetesApiException or HttpRequestException)
        {
            // Ctrl+C or a broken watch mid-rollout: do not leave a half-rolled-out Deployment behind.
            await UndoAsync(existing is null, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Rolls back to the previous revision, or deletes a Deployment this run created. Returns what it did.</summary>
    private async Task<string> UndoAsync(bool firstEver, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(CreatedJobs.CleanupTimeout);
        var events = _execution.Events;
        try
        {
            if (firstEver)
            {
                events.Action($"deleting first-ever deployment={_name} from namespace={_namespace}");
                await _api.Deployments.DeleteAsync(_namespace, _name, DeleteOptions.Default, limit.Token).ConfigureAwait(false);
                return "deleted the deployment (it had no earlier revision)";
            }

            events.Action($"rolling back deployment={_name} in namespace={_namespace}");
            var result = await _api.Deployments.RollbackAsync(_namespace, _name, null, null, limit.Token).ConfigureAwait(false);
            events.Action($"rolled back deployment={_name} in namespace={_namespace} to revision {result.Revision}");
            return result.RolledBack ? $"rolled back to revision {result.Revision}" : $"revision {result.Revision} already in place";
        }
        catch (Exception ex) when (ex is BodyworkException or OperationCanceledException or HttpRequestException)
        {
            events.Action($"could not roll back deployment={_name} in namespace={_namespace}: {ex.Message}");
            return $"rollback failed: {ex.Message}";
        }
    }

    /// <summary>The newest pod's log so far (the original printed one pod's log after every rollout).</summary>
    private async Task CollectLogsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var pods = await _api.Pods.ListAsync(_namespace,
                new ListOptions { LabelSelector = BodyworkLabels.StageSelector(_execution.Stage.ProjectName, _execution.Stage.Name) },
                cancellationToken).ConfigureAwait(false);
            var newest = pods.Items.OrderByDescending(p => p.Metadata.CreationTimestamp).FirstOrDefault();
            if (newest?.Metadata.Name is not { } pod)
            {
                _execution.Events.Action($"cannot get logs for {_name}: no pod");
                return;
            }

            var text = await _api.Pods.ReadLogAsync(_namespace, pod, null, cancellationToken).ConfigureAwait(false);
            foreach (var line in text.Split('\n'))
            {
                if (line.Length > 0)
                {
                    _execution.Events.Log(line.TrimEnd('\r'));
                }
            }
        }
        catch (KubernetesApiException ex)
        {
            _execution.Events.Action($"cannot get logs for {_name}: {ex.Message}");
        }
    }
}
