using System.Net;
using System.Net.Sockets;
using Bodywork.Engine.Local;
using Bodywork.Engine.Tests.Support;
using Bodywork.Models.Errors;
using Bodywork.Models.Workflows;
using Xunit;

namespace Bodywork.Engine.Tests.Local;

/// <summary>Local runs end to end with small generated projects: retries, time limits, services, secrets, Ctrl+C.</summary>
public sealed class LocalWorkflowTests : IDisposable
{
    private readonly LocalRunHarness _harness = new();
    private readonly ProjectBuilder _project = new();

    public void Dispose()
    {
        _harness.Dispose();
        _project.Dispose();
    }

    private LocalWorkflowRequest Request(IReadOnlyDictionary<string, string>? secrets = null) =>
        new() { Path = _project.Build(), Secrets = secrets ?? new Dictionary<string, string>() };

    private const string Marker = "import os\nopen(os.path.join(os.environ['OUT'], 'ran-' + os.environ['BODYWORK_STAGE']), 'w').write('yes')\n";

    [UnixFact]
    public async Task A_failing_batch_stage_is_retried_and_the_environment_says_which_attempt_it_is()
    {
        _project.WithBatchStage("flaky", retries: 2, scriptBody: """
            import os, sys
            counter = os.path.join(os.environ["OUT"], "count")
            n = int(open(counter).read()) + 1 if os.path.exists(counter) else 1
            open(counter, "w").write(str(n))
            print("attempt", n, "BODYWORK_ATTEMPT", os.environ["BODYWORK_ATTEMPT"], "cwd", os.path.basename(os.getcwd()))
            sys.exit(0 if n == 3 else 1)
            """);

        var run = await _harness.RunAsync(Request());

        Assert.NotNull(run);
        Assert.Equal(WorkflowStatus.Succeeded, run.Status);
        var stage = Assert.Single(run.Stages);
        Assert.Equal(3, stage.Attempts);
        Assert.Equal("3", File.ReadAllText(_harness.OutputFile("count")));
        Assert.Equal(["attempt 3 BODYWORK_ATTEMPT 3 cwd flaky"], stage.LogTail);
    }

    [UnixFact]
    public async Task A_batch_stage_that_keeps_failing_fails_the_workflow_with_its_output()
    {
        _project.WithBatchStage("broken", retries: 1, scriptBody: "import sys\nprint('cannot read the data', file=sys.stderr)\nsys.exit(4)\n")
            .WithBatchStage("after", scriptBody: Marker);

        var run = await _harness.RunAsync(Request());

        Assert.NotNull(run);
        Assert.Equal(WorkflowStatus.Failed, run.Status);
        var stage = run.Stages[0];
        Assert.Equal(StageRunStatus.Failed, stage.Status);
        Assert.Equal(2, stage.Attempts);
        Assert.Equal("main.py exited with code 4", stage.Error);
        Assert.Contains("cannot read the data", stage.LogTail);
        Assert.Equal(StageRunStatus.NotStarted, run.Stages[1].Status);
        Assert.False(File.Exists(_harness.OutputFile("ran-after")));
    }

    [UnixFact]
    public async Task A_stage_past_its_time_limit_is_killed_with_every_process_it_started()
    {
        // The stage starts a child, which forks a grandchild and exits: the grandchild is re-parented
        // away from the stage, so only the process group can still reach it.
        // The limit leaves a loaded CI machine time to start three Python processes before it strikes.
        _project.WithBatchStage("stuck", retries: 0, maxCompletionTimeSeconds: 20, scriptBody: """
            import os, subprocess, sys, time
            out = os.environ["OUT"]
            daemon = "import os, sys, time\nif os.fork():\n    os._exit(0)\nopen(sys.argv[1], 'w').write(str(os.getpid()))\ntime.sleep(600)\n"
            subprocess.run([sys.executable, "-c", daemon, os.path.join(out, "grandchild.pid")], check=True)
            child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
            open(os.path.join(out, "child.pid"), "w").write(str(child.pid))
            print("working forever", flush=True)
            time.sleep(600)
            """);

        var run = await _harness.RunAsync(Request());

        Assert.NotNull(run);
        var stage = Assert.Single(run.Stages);
        Assert.Equal(StageRunStatus.TimedOut, stage.Status);
        Assert.Contains("MAX_COMPLETION_TIME_SECONDS=20", stage.Error, StringComparison.Ordinal);
        Assert.Contains("working forever", stage.LogTail);
        foreach (var file in new[] { "child.pid", "grandchild.pid" })
        {
            var pid = LocalRunHarness.ReadPid(_harness.OutputFile(file));
            Assert.True(await Wait.UntilAsync(() => !Wait.IsAlive(pid)), $"{file} {pid} survived the time limit");
        }
    }

    [UnixFact]
    public async Task A_service_that_never_listens_is_stopped_and_fails_the_workflow()
    {
        var port = LocalRunHarness.FreePort();
        _project.WithServiceStage("deaf", port: port, maxStartupTimeSeconds: 15, scriptBody: """
            import os, time
            open(os.path.join(os.environ["OUT"], "deaf.pid"), "w").write(str(os.getpid()))
            print("thinking about it", flush=True)
            time.sleep(600)
            """);

        var run = await _harness.RunAsync(Request());

        Assert.NotNull(run);
        Assert.Equal(WorkflowStatus.Failed, run.Status);
        var stage = Assert.Single(run.Stages);
        Assert.Equal(StageRunStatus.TimedOut, stage.Status);
        Assert.Contains("MAX_STARTUP_TIME_SECONDS=15", stage.Error, StringComparison.Ordinal);
        Assert.Contains("thinking about it", stage.LogTail);
        Assert.Null(stage.ServiceUrl);
        var pid = LocalRunHarness.ReadPid(_harness.OutputFile("deaf.pid"));
        Assert.True(await Wait.UntilAsync(() => !Wait.IsAlive(pid)), "the service that never listened is still running");
        Assert.Empty(_harness.Store.List());
    }

    [UnixFact]
    public async Task A_service_that_crashes_fails_at_once_with_its_output()
    {
        _project.WithServiceStage("crash", port: LocalRunHarness.FreePort(), maxStartupTimeSeconds: 120,
            scriptBody: "import sys\nsys.exit('no model file')\n");

        var run = await _harness.RunAsync(Request());

        Assert.NotNull(run);
        var stage = Assert.Single(run.Stages);
        Assert.Equal(StageRunStatus.Failed, stage.Status);
        Assert.Contains("exited with code 1 before port", stage.Error, StringComparison.Ordinal);
        Assert.Contains("no model file", stage.LogTail);
        Assert.Empty(_harness.Store.List());
    }

    [UnixFact]
    public async Task A_second_run_replaces_the_service_of_the_same_stage()
    {
        var port = LocalRunHarness.FreePort();
        _project.WithServiceStage("web", port: port, scriptBody: LocalRunHarness.ListeningService);

        var first = await _harness.RunAsync(Request());
        var firstService = Assert.Single(_harness.Store.List());
        var second = await _harness.RunAsync(Request());
        var secondService = Assert.Single(_harness.Store.List());

        Assert.Equal(WorkflowStatus.Succeeded, first?.Status);
        Assert.Equal(WorkflowStatus.Succeeded, second?.Status);
        Assert.NotEqual(firstService.ProcessId, secondService.ProcessId);
        Assert.False(Wait.IsAlive(firstService.ProcessId));
        Assert.True(Wait.IsAlive(secondService.ProcessId));
        Assert.Equal($"http://127.0.0.1:{port}", Assert.Single(second!.ServiceUrls));
        Assert.False(Directory.Exists(Path.GetDirectoryName(firstService.WorkingDirectory)), "the first run's copy was not removed");
    }

    [UnixFact]
    public async Task A_port_in_use_is_an_error_before_anything_runs()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        _project.WithBatchStage("first", scriptBody: Marker).WithServiceStage("web", port: port, scriptBody: LocalRunHarness.ListeningService);

        var error = await Assert.ThrowsAsync<BodyworkException>(() => _harness.RunAsync(Request()));

        Assert.Equal(BodyworkErrorIds.PortInUse, error.ErrorId);
        Assert.Contains($"port {port} of service stage web is already in use", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_harness.OutputFile("ran-first")));
    }

    [UnixFact]
    public async Task A_missing_secret_is_an_error_naming_the_variable_before_anything_runs()
    {
        _project.WithBatchStage("first", scriptBody: Marker)
            .WithBatchStage("load", scriptBody: Marker, secrets: "RUNNER_TEST_UNSET_PASSWORD_9F2=db-credentials");

        var error = await Assert.ThrowsAsync<BodyworkException>(() => _harness.RunAsync(Request()));

        Assert.Equal(BodyworkErrorIds.SecretValueMissing, error.ErrorId);
        Assert.Contains("RUNNER_TEST_UNSET_PASSWORD_9F2 (stage load, secret 'db-credentials')", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_harness.OutputFile("ran-first")));
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(_harness.Store.StateDirectory, "workspaces")));
    }

    [UnixFact]
    public async Task Secrets_reach_the_stage_and_never_appear_in_output()
    {
        const string value = "hunter2-correct-horse";
        _project.WithBatchStage("load", secrets: "DB_PASSWORD=db-credentials", scriptBody: """
            import os
            open(os.path.join(os.environ["OUT"], "secret"), "w").write(os.environ["DB_PASSWORD"])
            print("connecting with", os.environ["DB_PASSWORD"])
            """);
        var context = new RecordingContext();
        var observer = new RecordingObserver();

        var run = await _harness.RunAsync(Request(new Dictionary<string, string> { ["DB_PASSWORD"] = value }), context, observer);

        Assert.Equal(WorkflowStatus.Succeeded, run?.Status);
        Assert.Equal(value, File.ReadAllText(_harness.OutputFile("secret")));
        Assert.Contains("connecting with ***", run!.Stages[0].LogTail);
        Assert.DoesNotContain(observer.Events, e => e.Message.Contains(value, StringComparison.Ordinal));
        Assert.DoesNotContain(context.Verbose, m => m.Contains(value, StringComparison.Ordinal));
    }

    [UnixFact]
    public async Task Cancelling_stops_the_running_stage_and_the_services_this_run_started()
    {
        var port = LocalRunHarness.FreePort();
        _project.WithServiceStage("web", port: port, scriptBody: LocalRunHarness.ListeningService)
            .WithBatchStage("slow", scriptBody: """
                import os, time
                open(os.path.join(os.environ["OUT"], "slow.pid"), "w").write(str(os.getpid()))
                time.sleep(600)
                """);
        using var cancel = new CancellationTokenSource();
        var runTask = _harness.RunAsync(Request(), new RecordingContext(cancel.Token));

        Assert.True(await LocalRunHarness.FileHasTextAsync(_harness.OutputFile("slow.pid")), "the slow stage never started");
        var web = Assert.Single(_harness.Store.List());
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runTask);
        var slow = LocalRunHarness.ReadPid(_harness.OutputFile("slow.pid"));
        Assert.True(await Wait.UntilAsync(() => !Wait.IsAlive(slow)), "the batch stage survived Ctrl+C");
        Assert.True(await Wait.UntilAsync(() => !Wait.IsAlive(web.ProcessId)), "the service survived Ctrl+C");
        Assert.Empty(_harness.Store.List());
    }

    [UnixFact]
    public async Task WhatIf_validates_and_describes_the_plan_but_runs_nothing()
    {
        _project.WithBatchStage("first", retries: 1, scriptBody: Marker).WithServiceStage("web", port: 8765, scriptBody: Marker);
        var context = new RecordingContext { Approve = false };

        var run = await _harness.RunAsync(Request(), context);

        Assert.Null(run);
        var (target, action) = Assert.Single(context.ShouldProcessCalls);
        Assert.StartsWith("test-project (", target, StringComparison.Ordinal);
        Assert.Equal("Run workflow locally: step 1: first (batch, 1 retries, 60 s limit); step 2: web (service on port 8765, 30 s to start)", action);
        Assert.False(File.Exists(_harness.OutputFile("ran-first")));
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(_harness.Store.StateDirectory, "workspaces")));
    }

    [UnixFact]
    public async Task A_git_repository_runs_at_the_requested_branch()
    {
        _project.WithBatchStage("hello", scriptBody: "import os\nopen(os.path.join(os.environ['OUT'], 'commit'), 'w').write(os.environ['BODYWORK_GIT_COMMIT'])\n");
        var repo = _project.Build();
        GitRepo.Init(repo);
        GitRepo.Git(repo, "checkout", "--quiet", "-b", "experiment");
        var commit = GitRepo.CommitAll(repo, "experiment");

        var run = await _harness.RunAsync(new LocalWorkflowRequest { GitRepoUrl = "file://" + repo, Branch = "experiment" });

        Assert.NotNull(run);
        Assert.Equal(WorkflowStatus.Succeeded, run.Status);
        Assert.Equal("experiment", run.Branch);
        Assert.Equal(commit, run.Commit);
        Assert.Equal(commit, File.ReadAllText(_harness.OutputFile("commit")));
    }

    [UnixFact]
    public async Task A_missing_branch_runs_nothing()
    {
        _project.WithBatchStage("hello", scriptBody: Marker);
        var repo = _project.Build();
        GitRepo.Init(repo);

        var error = await Assert.ThrowsAsync<BodyworkException>(() =>
            _harness.RunAsync(new LocalWorkflowRequest { GitRepoUrl = repo, Branch = "main; rm -rf /" }));

        Assert.Equal(BodyworkErrorIds.GitRepoUnavailable, error.ErrorId);
        Assert.Contains("branch 'main; rm -rf /' does not exist", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_harness.OutputFile("ran-hello")));
    }

    [UnixFact]
    public async Task Requirements_that_cannot_be_installed_are_a_clear_error()
    {
        _project.WithBatchStage("needs-packages", scriptBody: Marker)
            .WithFile("needs-packages/requirements.txt", "invalid-package-foo==0.1.0.0.0.1\n");

        var error = await Assert.ThrowsAsync<BodyworkException>(() => _harness.RunAsync(Request()));

        Assert.Equal(BodyworkErrorIds.RequirementsInstallFailed, error.ErrorId);
        Assert.StartsWith("cannot install the requirements of stage needs-packages (needs-packages/requirements.txt): pip exited with code",
            error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid-package-foo", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_harness.OutputFile("ran-needs-packages")));
    }

    [Fact]
    public async Task An_unknown_interpreter_is_reported_before_anything_runs()
    {
        _project.WithBatchStage("hello", scriptBody: Marker);

        var error = await Assert.ThrowsAsync<BodyworkException>(() =>
            _harness.RunAsync(Request() with { Python = "/no/such/python3" }));

        Assert.Equal(BodyworkErrorIds.PythonNotFound, error.ErrorId);
        Assert.Contains("'/no/such/python3' was not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_project_lists_its_issues_and_runs_nothing()
    {
        _project.WithStage("bad", "[default]\nSTAGE_TYPE=batch\n", script: null);

        var error = await Assert.ThrowsAsync<BodyworkProjectInvalidException>(() => _harness.RunAsync(Request()));

        Assert.Contains("bad/config.ini", error.Message, StringComparison.Ordinal);
    }
}
