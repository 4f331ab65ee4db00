using System.Collections.Concurrent;
using System.Diagnostics;
using Bodywork.Engine.Processes;
using Bodywork.Engine.Workflows;
using Bodywork.Models.Errors;
using Bodywork.Models.Projects;
using Bodywork.Models.Workflows;

namespace Bodywork.Engine.Local;

/// <summary>
/// Runs stages as local Python processes: batch stages to completion (one call per attempt; the runner
/// retries and enforces MAX_COMPLETION_TIME_SECONDS by cancelling, which kills the process group),
/// service stages in the background, detached, ready when PORT accepts connections.
/// </summary>
public sealed class LocalStageExecutor : IStageExecutor
{
    /// <summary>How often a starting service is checked (port, process, log).</summary>
    private static readonly TimeSpan ReadinessPoll = TimeSpan.FromMilliseconds(250);

    private readonly string? _workspace;
    private readonly IWorkflowObserver? _observer;
    private readonly ConcurrentDictionary<string, LocalServiceRecord> _startedServices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _secrets = new(StringComparer.Ordinal);
    private SecretMasker _masker = new([]);
    private string? _python;
    private string? _virtualEnvironment;

    /// <summary>Creates an executor for one run.</summary>
    /// <param name="request">Interpreter, secrets, extra environment, pip arguments.</param>
    /// <param name="services">Where started services are recorded.</param>
    /// <param name="workspace">The run's copy of the project (recorded with each service, deleted when unused).</param>
    /// <param name="observer">Receives set-up output (venv, pip) as <see cref="WorkflowEventKind.StageAction"/> events.</param>
    public LocalStageExecutor(LocalWorkflowRequest request, LocalServiceStore services, string? workspace = null,
        IWorkflowObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        Request = request;
        Services = services;
        _workspace = workspace;
        _observer = observer;
    }

    public LocalWorkflowRequest Request { get; }

    public LocalServiceStore Services { get; }

    public StageExecutorCapabilities Capabilities => StageExecutorCapabilities.RunnerManaged;

    /// <summary>Secrets present, ports free, Python found, virtual environment ready — before any stage runs.</summary>
    public async Task PrepareAsync(WorkflowExecutionContext run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ResolveSecrets(run.Project);
        await CheckPortsAsync(run.Project, cancellationToken).ConfigureAwait(false);
        _python = await PythonInterpreter.ResolveAsync(Request.Python, cancellationToken).ConfigureAwait(false);
        Setup($"stages run with {_python}");
        if (VirtualEnvironment.IsNeeded(run.Project))
        {
            var directory = Path.Combine(Services.VirtualEnvironmentsDirectory, run.Project.Name);
            _python = await VirtualEnvironment.PrepareAsync(run.Project, _python, directory, Request.PipArguments, Setup, cancellationToken)
                .ConfigureAwait(false);
            _virtualEnvironment = directory;
        }
    }

    public async Task<StageOutcome> RunBatchAsync(StageExecution execution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var stage = execution.Stage;
        var info = PythonLauncher.Create(Python, stage.Directory, stage.ExecutableScript, logFile: null, Environment(execution));
        execution.Events.Action($"running {stage.ExecutableScript} in {stage.Directory}");
        var result = await ProcessRunner.RunAsync(info, line => execution.Events.Log(_masker.Mask(line)), cancellationToken,
            ownProcessGroup: PythonLauncher.UsesProcessGroups).ConfigureAwait(false);
        return result.ExitCode == 0
            ? StageOutcome.Success()
            : StageOutcome.Failure($"{stage.ExecutableScript} exited with code {result.ExitCode}");
    }

    public async Task<StageOutcome> StartServiceAsync(StageExecution execution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var stage = execution.Stage;
        var port = stage.Port ?? throw new InvalidOperationException($"service stage {stage.Name} has no PORT");
        var url = $"http://127.0.0.1:{port}";
        if (Services.Get(stage.ProjectName, stage.Name) is { } previous)
        {
            execution.Events.Action($"stopping the previous process {previous.ProcessId} of service {stage.ObjectName}");
            await Services.StopRecordsAsync([previous], LocalServiceStore.DefaultStopGrace, cancellationToken, _workspace).ConfigureAwait(false);
        }

        if (await PortProbe.IsInUseAsync(port, cancellationToken).ConfigureAwait(false))
        {
            return StageOutcome.Failure($"port {port} is already in use on this machine");
        }

        var logFile = Services.LogFileFor(stage.ProjectName, stage.Name);
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        await File.WriteAllTextAsync(logFile, "", cancellationToken).ConfigureAwait(false);
        var info = PythonLauncher.Create(Python, stage.Directory, stage.ExecutableScript, logFile, Environment(execution));
        using var process = StartDetached(info, logFile);
        var record = new LocalServiceRecord
        {
            Project = stage.ProjectName,
            Stage = stage.Name,
            ProcessId = process.Id,
            ProcessStartTime = ProcessTree.StartTimeOf(process),
            Port = port,
            Url = url,
            StartTime = DateTimeOffset.UtcNow,
            LogFile = logFile,
            WorkingDirectory = stage.Directory,
            Workspace = _workspace ?? "",
            Source = execution.Run.Source,
            Branch = execution.Run.Branch,
            Commit = execution.Run.Commit,
            RunId = execution.Run.RunId,
        };
        // Recorded at once, so even if this process dies now the service can be listed and stopped.
        Services.Save(record);
        _startedServices[stage.Name] = record;
        execution.Events.Action($"started process {process.Id} for service {stage.ObjectName}; output in {logFile}");
        execution.Events.Status($"waiting for port {port}");
        var tail = new LogFileTail(logFile, line => execution.Events.Log(_masker.Mask(line)));
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                tail.Poll();
                if (process.HasExited)
                {
                    tail.Poll(final: true);
                    await ForgetAsync(record).ConfigureAwait(false);
                    return StageOutcome.Failure($"{stage.ExecutableScript} exited with code {process.ExitCode} before port {port} accepted connections");
                }

                if (await PortProbe.AcceptsConnectionsAsync(port, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false))
                {
                    tail.Poll(final: true);
                    return StageOutcome.Success(url);
                }

                await Task.WhenAny(process.WaitForExitAsync(cancellationToken), Task.Delay(ReadinessPoll, cancellationToken)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Time limit or Ctrl+C: a service that is not ready is stopped, whatever the reason.
            execution.Events.Action($"stopping service {stage.ObjectName} (process {process.Id})");
            tail.Poll(final: true);
            await ForgetAsync(record).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>On cancellation, stops the services this run started (also the ready ones); nothing else to release.</summary>
    public async Task FinishAsync(WorkflowExecutionContext run, WorkflowStatus status, CancellationToken cancellationToken)
    {
        if (status == WorkflowStatus.Cancelled && !_startedServices.IsEmpty)
        {
            await Services.StopRecordsAsync(_startedServices.Values.ToList(), LocalServiceStore.DefaultStopGrace, cancellationToken, _workspace)
                .ConfigureAwait(false);
            _startedServices.Clear();
        }
    }

    private string Python => _python ?? throw new InvalidOperationException("PrepareAsync has not run");

    private Dictionary<string, string> Environment(StageExecution execution) =>
        StageEnvironment.Build(execution.Run, execution.Stage, execution.Attempt, Request.Environment, _secrets, _virtualEnvironment);

    private async Task ForgetAsync(LocalServiceRecord record)
    {
        _startedServices.TryRemove(record.Stage, out _);
        await Services.StopRecordsAsync([record], TimeSpan.FromSeconds(5), CancellationToken.None, _workspace).ConfigureAwait(false);
    }

    private static Process StartDetached(ProcessStartInfo info, string logFile)
    {
        info.UseShellExecute = false;
        if (PythonLauncher.UsesProcessGroups)
        {
            // The launcher points stdout/stderr at the log file before the script starts.
            return Process.Start(info) ?? throw new InvalidOperationException("the service process did not start");
        }

        // Windows: no launcher; copy the output to the log file while this process lives.
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = Process.Start(info) ?? throw new InvalidOperationException("the service process did not start");
        var gate = new object();
        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                File.AppendAllText(logFile, line + System.Environment.NewLine);
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void ResolveSecrets(BodyworkProject project)
    {
        var missing = new List<string>();
        foreach (var stage in project.Stages)
        {
            foreach (var secret in stage.Secrets)
            {
                var name = secret.EnvironmentVariable;
                var value = Request.Secrets.TryGetValue(name, out var given) ? given : System.Environment.GetEnvironmentVariable(name);
                if (value is null)
                {
                    missing.Add($"{name} (stage {stage.Name}, secret '{secret.SecretName}')");
                }
                else
                {
                    _secrets[name] = value;
                }
            }
        }

        if (missing.Count > 0)
        {
            var first = missing[0].Split(' ')[0];
            throw new BodyworkException(BodyworkErrorIds.SecretValueMissing, BodyworkErrorCategory.ObjectNotFound,
                $"no value for the secret variable{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}; nothing was run",
                first, $"Pass it with -Secret @{{ {first} = ... }} (or --secret {first}=...), or set the environment variable {first}.");
        }

        _masker = new SecretMasker(_secrets.Values);
    }

    private async Task CheckPortsAsync(BodyworkProject project, CancellationToken cancellationToken)
    {
        var services = project.Stages.Where(s => s.Kind == StageKind.Service && s.Port is not null).ToList();
        foreach (var clash in services.GroupBy(s => s.Port!.Value).Where(g => g.Count() > 1))
        {
            throw new BodyworkException(BodyworkErrorIds.PortInUse, BodyworkErrorCategory.ResourceExists,
                $"service stages {string.Join(" and ", clash.Select(s => s.Name))} both use PORT={clash.Key}; locally each service needs its own port",
                clash.First().Name, "Give each service stage a different PORT in its config.ini.");
        }

        foreach (var stage in services)
        {
            var port = stage.Port!.Value;
            // A port held by this stage's own previous service is fine: the run replaces that process.
            var previous = Services.Get(stage.ProjectName, stage.Name);
            if (previous is not null && previous.Port == port && LocalServiceStore.IsAlive(previous))
            {
                continue;
            }

            if (await PortProbe.IsInUseAsync(port, cancellationToken).ConfigureAwait(false))
            {
                throw new BodyworkException(BodyworkErrorIds.PortInUse, BodyworkErrorCategory.ResourceExists,
                    $"port {port} of service stage {stage.Name} is already in use on this machine; nothing was run", stage.Name,
                    "Stop the program using the port (Get-BodyworkService -Local lists Bodywork's own), or change PORT in the stage's config.ini.");
            }
        }
    }

    private void Setup(string line) =>
        _observer?.OnEvent(new WorkflowEvent
        {
            Kind = WorkflowEventKind.StageAction,
            Time = DateTimeOffset.UtcNow,
            Level = WorkflowLogLevel.Info,
            Message = _masker.Mask(line),
        });
}
