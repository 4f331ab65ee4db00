using Bodywork.Engine.Git;
using Bodywork.Engine.Projects;
using Bodywork.Engine.Workflows;
using Bodywork.Models.Errors;
using Bodywork.Models.Operations;
using Bodywork.Models.Projects;
using Bodywork.Models.Workflows;

namespace Bodywork.Engine.Local;

/// <summary>
/// Runs a workflow on this machine (Invoke-BodyworkWorkflow -Local, <c>bodywork workflow --local</c>):
/// copies the folder or clones the repository into a workspace in the state folder, loads and validates
/// the project, asks ShouldProcess (so -WhatIf prints the plan and runs nothing), then runs the DAG with
/// <see cref="WorkflowRunner"/> over a <see cref="LocalStageExecutor"/>.
/// </summary>
public sealed class LocalWorkflowService
{
    /// <param name="services">Where services are recorded; null: the default state folder.</param>
    /// <param name="git">The cloner; null: <c>git</c> on PATH.</param>
    public LocalWorkflowService(LocalServiceStore? services = null, GitCloner? git = null)
    {
        Services = services ?? new LocalServiceStore();
        Git = git ?? new GitCloner();
    }

    public LocalServiceStore Services { get; }

    public GitCloner Git { get; }

    /// <summary>
    /// Runs the workflow. Returns the run (Succeeded or Failed), or null when ShouldProcess said no (-WhatIf).
    /// Throws <c>BodyworkException</c> when nothing could run (invalid project, clone failure, missing secret,
    /// port in use, no Python) and <see cref="OperationCanceledException"/> after cleaning up on cancellation.
    /// </summary>
    /// <param name="context">Cancellation, ShouldProcess and the streams.</param>
    /// <param name="observer">Receives the events; null: mapped onto <paramref name="context"/> by <see cref="OperationContextWorkflowObserver"/>.</param>
    public async Task<WorkflowRun?> RunAsync(LocalWorkflowRequest request, IOperationContext context, IWorkflowObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if ((request.Path is null) == (request.GitRepoUrl is null))
        {
            throw new BodyworkException(BodyworkErrorIds.InvalidArgument, BodyworkErrorCategory.InvalidArgument,
                "give either a project folder (Path) or a Git repository (GitRepoUrl), not both or neither");
        }

        observer ??= new OperationContextWorkflowObserver(context);
        var cancellationToken = context.CancellationToken;
        var runId = WorkflowExecutionContext.NewRunId();
        var workspace = Path.Combine(Services.WorkspacesDirectory, runId);
        var projectDirectory = Path.Combine(workspace, "project");
        try
        {
            string source;
            string? branch = null;
            string? commit;
            if (request.Path is not null)
            {
                var folder = ProjectFolder(request.Path);
                // Validate the user's own folder first, so errors name their files, not our copy.
                BodyworkProjects.Load(folder);
                source = folder;
                commit = await Git.TryGetCommitAsync(folder, cancellationToken).ConfigureAwait(false);
                context.WriteVerbose($"copying {folder} to {projectDirectory}");
                CopyProject(folder, projectDirectory);
            }
            else
            {
                source = GitUrls.Redact(request.GitRepoUrl!);
                context.WriteVerbose($"cloning {source}{(request.Branch is null ? "" : $" at branch {request.Branch}")} into {projectDirectory}");
                var cloned = await Git.CloneAsync(new GitCloneRequest
                {
                    Url = request.GitRepoUrl!,
                    Branch = request.Branch,
                    Destination = projectDirectory,
                    SshPrivateKey = request.SshPrivateKey,
                }, context.WriteVerbose, cancellationToken).ConfigureAwait(false);
                branch = cloned.Branch;
                commit = cloned.Commit;
            }

            var project = BodyworkProjects.Load(projectDirectory);
            var run = new WorkflowExecutionContext { Project = project, Source = source, Branch = branch, Commit = commit, RunId = runId };
            foreach (var line in Plan(project))
            {
                context.WriteVerbose(line);
            }

            if (!context.ShouldProcess($"{project.Name} ({source})", $"Run workflow locally: {string.Join("; ", Plan(project))}"))
            {
                return null;
            }

            var executor = new LocalStageExecutor(request, Services, workspace, observer);
            return await new WorkflowRunner(executor, observer).RunAsync(run, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Services of this run keep their copy of the project; otherwise it goes.
            Services.DeleteWorkspaceIfUnused(workspace);
        }
    }

    /// <summary>One line per step: <c>step 1: prepare-data (batch)</c>.</summary>
    public static IReadOnlyList<string> Plan(BodyworkProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project.Steps.Select((step, i) => $"step {i + 1}: " + string.Join(", ", step.Select(name =>
        {
            var stage = project.GetStage(name);
            return stage.Kind == StageKind.Batch
                ? $"{name} (batch, {stage.Retries} retries, {stage.MaxCompletionTimeSeconds} s limit)"
                : $"{name} (service on port {stage.Port}, {stage.MaxStartupTimeSeconds} s to start)";
        }))).ToList();
    }

    private static string ProjectFolder(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            full = Path.GetDirectoryName(full)!;
        }

        if (!Directory.Exists(full))
        {
            throw new BodyworkException(BodyworkErrorIds.ProjectNotFound, BodyworkErrorCategory.ObjectNotFound,
                $"no project folder at {full}", path, "Pass the folder that holds bodywork.ini.");
        }

        return full;
    }

    /// <summary>Copies the project, leaving out VCS metadata, virtual environments and Python caches.</summary>
    private static void CopyProject(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (name is ".git" or ".venv" or "venv" or "__pycache__" or ".mypy_cache" or ".pytest_cache")
            {
                continue;
            }

            var attributes = File.GetAttributes(directory);
            if ((attributes & FileAttributes.ReparsePoint) != 0)
            {
                continue; // do not follow links out of the project
            }

            CopyProject(directory, Path.Combine(to, name));
        }

        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
