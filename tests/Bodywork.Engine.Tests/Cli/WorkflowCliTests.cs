using System.Text.RegularExpressions;
using Bodywork.Cli;
using Bodywork.Engine.Local;
using Bodywork.Engine.Tests.Support;
using Xunit;

namespace Bodywork.Engine.Tests.Cli;

/// <summary><c>bodywork workflow --local</c>: log format, exit codes, argument errors, Ctrl+C.</summary>
/// <remarks>The CLI reads the state folder from BODYWORK_STATE_DIR, a process-wide setting, so these tests share one collection.</remarks>
[Collection(nameof(StateDirectoryTests))]
public sealed class WorkflowCliTests : IDisposable
{
    private static readonly Regex LogLine = new(
        @"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} - (INFO|WARNING|ERROR|DEBUG) - (workflow\.run_workflow|stage\.run_stage) - .+$");

    private readonly ProjectBuilder _project = new();
    private readonly TempDirectory _state = new();
    private readonly string? _previousState;

    public WorkflowCliTests()
    {
        _previousState = Environment.GetEnvironmentVariable(LocalServiceStore.StateDirectoryVariable);
        Environment.SetEnvironmentVariable(LocalServiceStore.StateDirectoryVariable, _state.Path);
    }

    public void Dispose()
    {
        new LocalServiceStore(_state.Path).Stop(grace: TimeSpan.FromSeconds(2));
        Environment.SetEnvironmentVariable(LocalServiceStore.StateDirectoryVariable, _previousState);
        _project.Dispose();
        _state.Dispose();
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr), cancellationToken)
            .WaitAsync(TimeSpan.FromMinutes(3), CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [UnixFact]
    public async Task A_successful_run_prints_the_original_log_lines_and_exits_0()
    {
        _project.WithBatchStage("hello", scriptBody: "print('hello from the stage')\n");

        var (exit, output, _) = await RunAsync(CancellationToken.None, "workflow", "--local", _project.Build());

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.Matches(LogLine, l));
        Assert.Contains(lines, l => l.EndsWith(" - INFO - workflow.run_workflow - attempting to execute DAG step=['hello']", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(" - INFO - stage.run_stage - [hello] hello from the stage", StringComparison.Ordinal));
        Assert.EndsWith($"successfully ran workflow for project={_project.Root} on branch=(working copy) locally", lines[^1], StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task A_service_keeps_running_and_is_recorded_in_the_state_folder_from_the_environment()
    {
        var port = LocalRunHarness.FreePort();
        _project.WithServiceStage("web", port: port, scriptBody: LocalRunHarness.ListeningService);

        var (exit, output, _) = await RunAsync(CancellationToken.None, "workflow", "--local", _project.Build());

        Assert.Equal(0, exit);
        Assert.Contains($"service running at http://127.0.0.1:{port}", output, StringComparison.Ordinal);
        Assert.Equal(_state.Path, LocalServiceStore.DefaultStateDirectory());
        var service = Assert.Single(new LocalServiceStore(_state.Path).List());
        Assert.Equal(Models.Local.LocalServiceStatus.Running, service.Status);
        Assert.Equal(port, service.Port);
    }

    [UnixFact]
    public async Task A_failed_run_exits_1_with_the_failure_logged()
    {
        _project.WithBatchStage("broken", retries: 0, scriptBody: "raise SystemExit(2)\n");

        var (exit, output, _) = await RunAsync(CancellationToken.None, "workflow", "--local", _project.Build());

        Assert.Equal(1, exit);
        Assert.Contains(" - ERROR - stage.run_stage - Stage broken failed - main.py exited with code 2", output, StringComparison.Ordinal);
        Assert.Contains($" - ERROR - workflow.run_workflow - failed to execute workflow for (working copy) branch of project repository at {_project.Root}: stage broken: main.py exited with code 2",
            output, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task Secrets_come_from_the_command_line_and_never_from_output()
    {
        _project.WithBatchStage("load", secrets: "API_TOKEN=api", scriptBody: "import os\nprint('token length', len(os.environ['API_TOKEN']))\n");

        var (exit, output, error) = await RunAsync(CancellationToken.None, "workflow", "--local", _project.Build(), "--secret", "API_TOKEN=abc=def-123");

        Assert.Equal(0, exit);
        Assert.Contains("[load] token length 11", output, StringComparison.Ordinal);
        Assert.DoesNotContain("abc=def-123", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_secret_exits_1_naming_the_variable()
    {
        _project.WithBatchStage("load", secrets: "RUNNER_CLI_TEST_UNSET_TOKEN=api");

        var (exit, _, error) = await RunAsync(CancellationToken.None, "workflow", "--local", _project.Build());

        Assert.Equal(1, exit);
        Assert.Contains("error: no value for the secret variable RUNNER_CLI_TEST_UNSET_TOKEN", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TOKEN")]
    [InlineData("=value")]
    [InlineData("TOKEN=")]
    public async Task A_malformed_secret_is_a_usage_error_that_does_not_echo_it(string token)
    {
        _project.WithBatchStage("load");

        var (exit, _, error) = await RunAsync(CancellationToken.None, "workflow", "--local", _project.Build(), "--secret", token);

        Assert.Equal(2, exit);
        Assert.Contains("could not parse secret - example format: --secret USERNAME=alex PASSWORD=alex123", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_local_or_a_namespace_it_is_a_usage_error()
    {
        var (exit, _, error) = await RunAsync(CancellationToken.None, "workflow", "https://example.com/repo.git", "main");

        Assert.Equal(2, exit);
        Assert.Contains("bodywork workflow: error: one of the arguments --namespace/--ns --local is required", error, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task A_branch_that_does_not_exist_exits_1()
    {
        _project.WithBatchStage("hello");
        var repo = _project.Build();
        GitRepo.Init(repo);

        var (exit, _, error) = await RunAsync(CancellationToken.None, "workflow", "--local", repo, "no-such-branch");

        Assert.Equal(1, exit);
        Assert.Contains("branch 'no-such-branch' does not exist", error, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task Ctrl_C_stops_the_run_and_exits_130()
    {
        var pidFile = Path.Combine(_state.Path, "stage.pid");
        _project.WithBatchStage("slow", scriptBody: $"import os, time\nopen({Python(pidFile)}, 'w').write(str(os.getpid()))\ntime.sleep(600)\n");
        using var cancel = new CancellationTokenSource();

        var run = RunAsync(cancel.Token, "workflow", "--local", _project.Build());
        Assert.True(await LocalRunHarness.FileHasTextAsync(pidFile), "the stage never started");
        await cancel.CancelAsync();
        var (exit, output, _) = await run;

        Assert.Equal(130, exit);
        Assert.Contains("was cancelled; stopped the stages it had started", output, StringComparison.Ordinal);
        var pid = LocalRunHarness.ReadPid(pidFile);
        Assert.True(await Wait.UntilAsync(() => !Wait.IsAlive(pid)), "the stage survived Ctrl+C");
    }

    private static string Python(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}

/// <summary>Tests that set process-wide environment variables run one at a time.</summary>
[CollectionDefinition(nameof(StateDirectoryTests), DisableParallelization = true)]
public sealed class StateDirectoryTests;
