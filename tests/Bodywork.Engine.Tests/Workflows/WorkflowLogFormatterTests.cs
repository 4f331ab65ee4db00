using Bodywork.Engine.Workflows;
using Bodywork.Models.Workflows;
using Xunit;

namespace Bodywork.Engine.Tests.Workflows;

public sealed class WorkflowLogFormatterTests
{
    [Fact]
    public void Formats_a_line_like_python_logging_in_local_time()
    {
        var time = new DateTimeOffset(2020, 11, 24, 20, 4, 15, 580, TimeSpan.Zero);
        var local = time.ToLocalTime();

        var line = WorkflowLogFormatter.FormatLine(time, WorkflowLogLevel.Info, "workflow.run_workflow", "creating job=p--s in namespace=ns");

        Assert.Equal($"{local:yyyy-MM-dd HH:mm:ss},580 - INFO - workflow.run_workflow - creating job=p--s in namespace=ns", line);
    }

    [Fact]
    public void Stage_output_lines_carry_the_stage_name()
    {
        var e = new WorkflowEvent
        {
            Kind = WorkflowEventKind.StageLog,
            Time = DateTimeOffset.Now,
            Level = WorkflowLogLevel.Info,
            Message = "accuracy 0.97",
            Origin = "stage.run_stage",
            Stage = "train",
        };

        Assert.EndsWith(" - INFO - stage.run_stage - [train] accuracy 0.97", WorkflowLogFormatter.Format(e), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WorkflowLogLevel.Debug, "DEBUG")]
    [InlineData(WorkflowLogLevel.Warning, "WARNING")]
    [InlineData(WorkflowLogLevel.Error, "ERROR")]
    public void Level_names_are_pythons(WorkflowLogLevel level, string name) => Assert.Equal(name, WorkflowLogFormatter.LevelName(level));

    [Fact]
    public void A_step_is_shown_as_a_python_list() =>
        Assert.Equal("['train-svm', 'it\\'s']", WorkflowLogFormatter.PythonList(["train-svm", "it's"]));
}
