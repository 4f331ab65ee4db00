using System.Collections.Concurrent;
using Bodywork.Engine.Workflows;
using Bodywork.Models.Workflows;

namespace Bodywork.Engine.Tests.Support;

/// <summary>
/// An <see cref="IStageExecutor"/> whose behaviour per stage is a delegate, recording every call in order.
/// Default behaviour: succeed at once (services with <c>http://fake/&lt;stage&gt;</c>).
/// </summary>
public sealed class FakeStageExecutor : IStageExecutor
{
    private readonly ConcurrentDictionary<string, Func<StageExecution, CancellationToken, Task<StageOutcome>>> _behaviours = new();
    private readonly object _gate = new();

    public StageExecutorCapabilities Capabilities { get; set; } = StageExecutorCapabilities.RunnerManaged;

    /// <summary>"start:stage:attempt", "end:stage:attempt", "cancelled:stage:attempt", "prepare", "finish:Status", in order.</summary>
    public List<string> Journal { get; } = [];

    public Exception? PrepareFailure { get; set; }

    public WorkflowStatus? FinishedWith { get; private set; }

    public FakeStageExecutor On(string stage, Func<StageExecution, CancellationToken, Task<StageOutcome>> behaviour)
    {
        _behaviours[stage] = behaviour;
        return this;
    }

    public IReadOnlyList<string> Entries(string prefix)
    {
        lock (_gate)
        {
            return Journal.Where(j => j.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        }
    }

    public Task PrepareAsync(WorkflowExecutionContext run, CancellationToken cancellationToken)
    {
        Record("prepare");
        return PrepareFailure is null ? Task.CompletedTask : Task.FromException(PrepareFailure);
    }

    public Task<StageOutcome> RunBatchAsync(StageExecution execution, CancellationToken cancellationToken) =>
        RunAsync(execution, null, cancellationToken);

    public Task<StageOutcome> StartServiceAsync(StageExecution execution, CancellationToken cancellationToken) =>
        RunAsync(execution, $"http://fake/{execution.Stage.Name}", cancellationToken);

    public Task FinishAsync(WorkflowExecutionContext run, WorkflowStatus status, CancellationToken cancellationToken)
    {
        FinishedWith = status;
        Record($"finish:{status}");
        return Task.CompletedTask;
    }

    private async Task<StageOutcome> RunAsync(StageExecution execution, string? url, CancellationToken cancellationToken)
    {
        var key = $"{execution.Stage.Name}:{execution.Attempt}";
        Record($"start:{key}");
        try
        {
            var outcome = _behaviours.TryGetValue(execution.Stage.Name, out var behaviour)
                ? await behaviour(execution, cancellationToken)
                : StageOutcome.Success(url);
            Record($"end:{key}");
            return outcome;
        }
        catch (OperationCanceledException)
        {
            Record($"cancelled:{key}");
            throw;
        }
    }

    private void Record(string entry)
    {
        lock (_gate)
        {
            Journal.Add(entry);
        }
    }
}
