using Bodywork.Engine.Projects;
using Bodywork.Engine.Tests.Support;
using Bodywork.Engine.Workflows;
using Bodywork.Models.Workflows;
using Xunit;

namespace Bodywork.Engine.Tests.Workflows;

/// <summary>How a run looks in PowerShell's streams: progress bars, information tags, verbose, warnings.</summary>
public sealed class OperationContextWorkflowObserverTests : IDisposable
{
    private readonly ProjectBuilder _builder = new();

    public void Dispose() => _builder.Dispose();

    [Fact]
    public async Task A_run_shows_a_workflow_bar_with_a_child_bar_per_stage_and_tags_stage_output()
    {
        _builder.WithBatchStage("a", retries: 1).WithBatchStage("b").WithDag("a >> b");
        var project = BodyworkProjects.Load(_builder.Build());
        var executor = new FakeStageExecutor().On("a", (e, _) =>
        {
            e.Events.Log("hello from a");
            e.Events.Action("started process 42");
            return Task.FromResult(e.Attempt == 1 ? StageOutcome.Failure("exit code 1") : StageOutcome.Success());
        });
        var context = new RecordingContext();

        await new WorkflowRunner(executor, new OperationContextWorkflowObserver(context, parentActivityId: 7))
            .RunAsync(new WorkflowExecutionContext { Project = project, Source = "/p" }, CancellationToken.None);

        var progress = context.Progress.ToList();
        Assert.Contains(progress, p => p.ActivityId == 7 && p.ParentActivityId == -1 && !p.Completed);
        var stageBars = progress.Where(p => p.ParentActivityId == 7).ToList();
        Assert.Equal(2, stageBars.Select(p => p.ActivityId).Distinct().Count());
        Assert.All(stageBars, p => Assert.NotEqual(7, p.ActivityId));
        Assert.Contains(stageBars, p => p.Activity == "Stage a" && p.Status == "attempt 2 of 2");
        Assert.Equal(2, stageBars.Count(p => p.Completed));
        Assert.True(progress[^1].ActivityId == 7 && progress[^1].Completed && progress[^1].PercentComplete == 100);

        var logs = context.Information.Where(i => i.Message == "hello from a").ToList();
        Assert.Equal(2, logs.Count); // one per attempt
        Assert.All(logs, l => Assert.Equal([OperationContextWorkflowObserver.Tag, OperationContextWorkflowObserver.StageLogTag, "a"], l.Tags));
        Assert.Contains(context.Information, i => i.Message == "successfully executed DAG step=['a']" && i.Tags.Contains(OperationContextWorkflowObserver.WorkflowTag));
        Assert.Contains("a: started process 42", context.Verbose);
        Assert.Contains(context.Warnings, w => w.StartsWith("stage=a attempt 1 of 2 failed: exit code 1", StringComparison.Ordinal));
    }
}
