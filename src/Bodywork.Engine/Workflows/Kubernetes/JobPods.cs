using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Workflows.Kubernetes;

/// <summary>
/// The pods of one Job as the shared pod watch reports them: each pod is one attempt (restartPolicy Never),
/// and each one's log is followed as soon as its container has started, line by line into the stage's events.
/// </summary>
internal sealed class JobPods : IDisposable
{
    private static readonly TimeSpan LogDrainLimit = TimeSpan.FromSeconds(20);
    private readonly object _gate = new();
    private readonly IPodClient _client;
    private readonly string _namespace;
    private readonly StageExecution _execution;
    private readonly CancellationTokenSource _streams = new();
    private readonly Dictionary<string, PodState> _pods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Pod>> _early = new(StringComparer.Ordinal);
    private string? _jobUid;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public JobPods(IPodClient client, string namespaceName, StageExecution execution)
    {
        _client = client;
        _namespace = namespaceName;
        _execution = execution;
    }

    /// <summary>Pods seen so far (attempts started).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pods.Count;
            }
        }
    }

    /// <summary>How the latest attempt's container ended, e.g. <c>exit code 3 (Error)</c>, or null.</summary>
    public string? LastTermination
    {
        get
        {
            lock (_gate)
            {
                return _pods.Values.OrderBy(p => p.Attempt).LastOrDefault(p => p.Termination is not null)?.Termination;
            }
        }
    }

    /// <summary>From now on only pods owned by the Job with this uid count (pods seen earlier are replayed).</summary>
    public void SetJobUid(string uid)
    {
        List<Pod>? early;
        lock (_gate)
        {
            _jobUid = uid;
            _early.Remove(uid, out early);
            _early.Clear();
        }

        foreach (var pod in early ?? [])
        {
            OnPod(WatchEventType.Modified, pod);
        }
    }

    /// <summary>Watch handler.</summary>
    public void OnPod(WatchEventType type, Pod pod)
    {
        var owner = pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Kind == "Job" && o.Controller != false)?.Uid;
        if (owner is null || pod.Metadata.Name is not { } name || type == WatchEventType.Deleted)
        {
            return;
        }

        PodState state;
        var started = false;
        lock (_gate)
        {
            if (_jobUid is null)
            {
                if (!_early.TryGetValue(owner, out var list))
                {
                    _early[owner] = list = [];
                }

                list.Add(pod);
                return;
            }

            if (owner != _jobUid)
            {
                return;
            }

            if (!_pods.TryGetValue(name, out state!))
            {
                state = new PodState(_pods.Count + 1);
                _pods[name] = state;
                started = true;
                var changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                changed.TrySetResult();
            }
        }

        if (started)
        {
            _execution.Events.AttemptStarted(state.Attempt);
            _execution.Events.Action($"pod={name} started attempt {state.Attempt} of {_execution.MaxAttempts}");
        }

        var container = pod.Status?.ContainerStatuses is { Count: > 0 } statuses ? statuses[0] : null;
        var terminated = container?.State?.Terminated;
        var running = container?.State?.Running is not null || terminated is not null
            || pod.Status?.Phase is "Running" or "Succeeded" or "Failed";
        lock (_gate)
        {
            if (running && state.Log is null)
            {
                state.Log = Task.Run(() => FollowAsync(name, _streams.Token));
            }

            if (terminated is not null && state.Termination is null)
            {
                state.Termination = $"exit code {terminated.ExitCode}" + (terminated.Reason is { Length: > 0 } r ? $" ({r})" : "");
            }
            else if (pod.Status?.Phase == "Failed" && state.Termination is null)
            {
                state.Termination = pod.Status.Reason ?? "pod failed";
            }
            else
            {
                return;
            }

            if (pod.Status?.Phase != "Failed" || state.FailureReported || state.Attempt >= _execution.MaxAttempts)
            {
                return;
            }

            state.FailureReported = true;
        }

        _execution.Events.AttemptFailed(state.Attempt, state.Termination!);
    }

    /// <summary>
    /// After the Job ended: waits (bounded) until the pod watch has shown every attempt the Job counted, lets
    /// every log stream finish, and reads the logs of attempts the watch never showed (a pod that came and went
    /// between two events), so no attempt's output is lost.
    /// </summary>
    public async Task DrainAsync(IJobClient jobs, string jobName, int expectedPods, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + LogDrainLimit;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_pods.Count >= expectedPods)
                {
                    break;
                }

                changed = _changed.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await Wait(changed, left, cancellationToken).ConfigureAwait(false))
            {
                await ReadMissedLogsAsync(jobs, jobName, cancellationToken).ConfigureAwait(false);
                break;
            }
        }

        Task[] streams;
        lock (_gate)
        {
            streams = _pods.Values.Select(p => p.Log).OfType<Task>().ToArray();
        }

        try
        {
            var left = deadline - DateTime.UtcNow;
            await Task.WhenAll(streams).WaitAsync(left > TimeSpan.FromSeconds(5) ? left : TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _execution.Events.Action("stopped following pod logs that did not end in time");
        }
        finally
        {
            await _streams.CancelAsync().ConfigureAwait(false);
        }
    }

    private static async Task<bool> Wait(Task changed, TimeSpan limit, CancellationToken cancellationToken)
    {
        try
        {
            await changed.WaitAsync(limit, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task ReadMissedLogsAsync(IJobClient jobs, string jobName, CancellationToken cancellationToken)
    {
        var pods = await jobs.ListPodsAsync(_namespace, jobName, cancellationToken).ConfigureAwait(false);
        foreach (var pod in pods.Where(p => p.Metadata.OwnerReferences?.Any(o => o.Uid == _jobUid) == true)
                     .OrderBy(p => p.Metadata.CreationTimestamp))
        {
            OnPod(WatchEventType.Modified, pod);
        }
    }

    /// <summary>Stops following logs (cancellation).</summary>
    public void Stop() => _streams.Cancel();

    public void Dispose() => _streams.Dispose();

    private async Task FollowAsync(string pod, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var line in _client.StreamLogAsync(_namespace, pod, new PodLogOptions { Follow = true }, cancellationToken)
                .ConfigureAwait(false))
            {
                _execution.Events.Log(line);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _execution.Events.Action($"cannot get logs for pod={pod}: {ex.Message}");
        }
    }

    private sealed class PodState(int attempt)
    {
        public int Attempt { get; } = attempt;
        public Task? Log { get; set; }
        public string? Termination { get; set; }
        public bool FailureReported { get; set; }
    }
}
