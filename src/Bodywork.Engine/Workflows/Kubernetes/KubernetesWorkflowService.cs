using System.Text;
using Bodywork.Engine.Git;
using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Management;
using Bodywork.Engine.Manifests;
using Bodywork.Engine.Projects;
using Bodywork.Models.Operations;
using Bodywork.Models.Workflows;

namespace Bodywork.Engine.Workflows.Kubernetes;

/// <summary>
/// Runs a workflow on a cluster: clones the repository, validates the whole project (nothing reaches the
/// cluster when it is invalid), checks the namespace is set up for Bodywork, asks ShouldProcess (-WhatIf
/// prints every object it would apply and stops), then runs the DAG with <see cref="WorkflowRunner"/> over a
/// <see cref="KubernetesStageExecutor"/>.
/// </summary>
public sealed class KubernetesWorkflowService
{
    /// <param name="api">The cluster.</param>
    /// <param name="git">The cloner; null: <c>git</c> on PATH.</param>
    public KubernetesWorkflowService(IKubernetesApi api, GitCloner? git = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        Api = api;
        Git = git ?? new GitCloner();
    }

    /// <summary>The cluster.</summary>
    public IKubernetesApi Api { get; }

    /// <summary>The cloner.</summary>
    public GitCloner Git { get; }

    /// <summary>
    /// Runs the workflow. Returns the run (Succeeded or Failed), or null when ShouldProcess said no (-WhatIf).
    /// Throws <c>BodyworkException</c> when nothing could run (clone failure, invalid project, namespace not set
    /// up, missing secret) and <see cref="OperationCanceledException"/> after deleting the Jobs it created.
    /// </summary>
    /// <param name="context">Cancellation, ShouldProcess and the streams.</param>
    /// <param name="observer">Receives the events; null: mapped onto <paramref name="context"/> by <see cref="OperationContextWorkflowObserver"/>.</param>
    public async Task<WorkflowRun?> RunAsync(KubernetesWorkflowRequest request, IOperationContext context, IWorkflowObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        observer ??= new OperationContextWorkflowObserver(context);
        var cancellationToken = context.CancellationToken;
        var ns = request.Namespace;
        var runId = $"{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var workspace = Path.Combine(Path.GetTempPath(), "bodywork-workflow-" + runId);
        try
        {
            var repoUrl = PodRepoUrl(request.GitRepoUrl);
            var shownUrl = GitUrls.Redact(repoUrl);
            var sshKey = GitUrls.IsSsh(repoUrl) ? await SshKeyAsync(request, cancellationToken).ConfigureAwait(false) : null;
            context.WriteVerbose($"cloning {shownUrl}{(request.Branch is null ? "" : $" at branch {request.Branch}")} into {workspace}");
            var cloned = await Git.CloneAsync(new GitCloneRequest
            {
                Url = repoUrl,
                Branch = request.Branch,
                Destination = Path.Combine(workspace, "project"),
                SshPrivateKey = sshKey,
            }, context.WriteVerbose, cancellationToken).ConfigureAwait(false);

            var project = BodyworkProjects.Load(cloned.Directory);
            context.WriteVerbose($"checking namespace={ns} is setup for use by Bodywork");
            await NamespaceCheck.EnsureNamespaceReadyAsync(Api, ns, cancellationToken).ConfigureAwait(false);
            var source = new StageSource(ns, repoUrl, cloned.Branch, cloned.Commit, request.Image ?? project.Image);
            var run = new WorkflowExecutionContext
            {
                Project = project,
                Source = shownUrl,
                Branch = cloned.Branch,
                Commit = cloned.Commit,
                Namespace = ns,
                RunId = runId,
            };

            // Ask about every object first, so -WhatIf shows them all and a "no" leaves the cluster untouched.
            var approved = true;
            foreach (var planned in WorkflowPreview.Plan(project, source))
            {
                approved &= context.ShouldProcess($"{planned.Kind.ToLowerInvariant()}/{planned.Name} in namespace {ns}",
                    $"Apply (step {planned.Step}) {planned.Json}");
            }

            if (!approved)
            {
                return null;
            }

            var executor = new KubernetesStageExecutor(Api, source);
            return await new WorkflowRunner(executor, observer).RunAsync(run, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TryDelete(workspace);
        }
    }

    /// <summary>Local paths become absolute (pods in the process-kubelet of tests, or on the same host, can use them).</summary>
    private static string PodRepoUrl(string url) =>
        !url.Contains("://", StringComparison.Ordinal) && !GitUrls.IsSsh(url) && Directory.Exists(url) ? Path.GetFullPath(url) : url;

    /// <summary>The SSH key: given, else the namespace's Secret (spec §4.8), else the environment (in-cluster controller).</summary>
    private async Task<string?> SshKeyAsync(KubernetesWorkflowRequest request, CancellationToken cancellationToken)
    {
        if (request.SshPrivateKey is not null)
        {
            return request.SshPrivateKey;
        }

        var secret = await Api.Secrets.GetAsync(request.Namespace, StageScript.SshKeySecretName, cancellationToken).ConfigureAwait(false);
        if (secret?.Data?.TryGetValue(StageScript.SshKeyVariable, out var bytes) == true)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        return Environment.GetEnvironmentVariable(StageScript.SshKeyVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
                {
                    File.SetAttributes(file, FileAttributes.Normal); // git makes pack files read-only (Windows)
                }

                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temp folder; not worth failing the run for.
        }
    }
}
