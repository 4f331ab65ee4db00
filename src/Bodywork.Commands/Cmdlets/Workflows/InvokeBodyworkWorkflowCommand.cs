using System.Collections;
using System.Management.Automation;
using System.Net;
using System.Security;
using Bodywork.Commands.Completion;
using Bodywork.Commands.Infrastructure;
using Bodywork.Commands.Validation;
using Bodywork.Engine.Git;
using Bodywork.Engine.Local;
using Bodywork.Engine.Workflows.Kubernetes;
using Bodywork.Models.Errors;
using Bodywork.Models.Workflows;

namespace Bodywork.Commands;

/// <summary>
/// Invoke-BodyworkWorkflow: runs a project's DAG. The -Local sets run the stages as processes on this
/// machine; the Cluster set (-Namespace …) runs them as Jobs and Deployments in a namespace set up for Bodywork.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "BodyworkWorkflow", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
    DefaultParameterSetName = LocalPathSet)]
[OutputType(typeof(WorkflowRun))]
public sealed class InvokeBodyworkWorkflowCommand : BodyworkClusterCmdlet
{
    private const string LocalPathSet = "LocalPath";
    private const string LocalGitSet = "LocalGit";
    private const string ClusterSet = "Cluster";

    /// <summary>How long Ctrl+C waits for the run to stop its processes before PowerShell moves on.</summary>
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(30);

    private Task? _running;

    /// <summary>Run the stages as processes on this machine.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LocalPathSet)]
    [Parameter(Mandatory = true, ParameterSetName = LocalGitSet)]
    public SwitchParameter Local { get; set; }

    /// <summary>Project folder or its bodywork.ini; FullName lets Get-ChildItem output bind.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = LocalPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidatePathText]
    public string Path { get; set; } = ".";

    /// <summary>Git URL (HTTPS, SSH, file://) or a local repository path to clone.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = LocalGitSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ClusterSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string GitRepoUrl { get; set; } = "";

    /// <summary>Branch to clone; default: the repository's default branch.</summary>
    [Parameter(Position = 1, ParameterSetName = LocalGitSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Position = 1, ParameterSetName = ClusterSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Branch { get; set; }

    /// <summary>Namespace set up for Bodywork (New-BodyworkNamespace) to run the stages in; default: the kubeconfig context's.</summary>
    [Parameter(ParameterSetName = ClusterSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Ns")]
    [ValidateKubernetesName]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>Image for every stage instead of the project's DOCKER_IMAGE (it needs git, python and pip).</summary>
    [Parameter(ParameterSetName = ClusterSet)]
    [ValidateNotNullOrEmpty]
    public string? Image { get; set; }

    /// <summary>Python interpreter for the stages (name on PATH or path); default python3, else python.</summary>
    [Parameter(ParameterSetName = LocalPathSet)]
    [Parameter(ParameterSetName = LocalGitSet)]
    [ValidateNotNullOrEmpty]
    public string? Python { get; set; }

    /// <summary>Values for the stages' [secrets] variables: @{ VAR = 'value' or a SecureString }.</summary>
    [Parameter(ParameterSetName = LocalPathSet)]
    [Parameter(ParameterSetName = LocalGitSet)]
    public Hashtable? Secret { get; set; }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case LocalPathSet:
            case LocalGitSet:
                RunLocal();
                break;
            case ClusterSet:
                RunCluster();
                break;
            default:
                throw new PSNotSupportedException($"parameter set {ParameterSetName}");
        }
    }

    protected override void StopProcessing()
    {
        base.StopProcessing();
        // Let the run stop its processes (and the services it started) before PowerShell returns the prompt.
        try
        {
            _running?.Wait(StopWait);
        }
        catch (AggregateException)
        {
            // The run ends with OperationCanceledException; nothing to report here.
        }
    }

    private void RunLocal()
    {
        var request = ParameterSetName == LocalPathSet
            ? new LocalWorkflowRequest { Path = ResolveFileSystemPath(Path) }
            : new LocalWorkflowRequest { GitRepoUrl = ResolveRepository(GitRepoUrl), Branch = Branch };
        request = request with { Python = Python, Secrets = ConvertSecrets(Secret) };
        var target = request.Path ?? GitUrls.Redact(GitRepoUrl);
        WorkflowRun? run = null;
        RunAndWrite(async ctx =>
        {
            var task = new LocalWorkflowService().RunAsync(request, ctx);
            _running = task;
            run = await task.ConfigureAwait(false);
            return run;
        }, target: target);
        ReportFailure(run);
    }

    private void RunCluster()
    {
        var ns = ResolveNamespace(Namespace);
        var request = new KubernetesWorkflowRequest
        {
            Namespace = ns,
            GitRepoUrl = ResolveRepository(GitRepoUrl),
            Branch = Branch,
            Image = Image,
        };
        WorkflowRun? run = null;
        RunAndWrite(async ctx =>
        {
            var task = new KubernetesWorkflowService(Connection.Api).RunAsync(request, ctx);
            _running = task;
            run = await task.ConfigureAwait(false);
            return run;
        }, target: $"{GitUrls.Redact(GitRepoUrl)} in namespace {ns}");
        ReportFailure(run);
    }

    /// <summary>A failed run is still output (it says which stage failed and why), plus an error for -ErrorAction.</summary>
    private void ReportFailure(WorkflowRun? run)
    {
        if (run is { Status: WorkflowStatus.Failed })
        {
            WriteBodyworkError(new BodyworkException(BodyworkErrorIds.WorkflowFailed, BodyworkErrorCategory.InvalidResult,
                $"workflow of project {run.Project} failed: {run.Error}", run.Project,
                "See the run's Stages (Error, LogTail) for what went wrong; -InformationAction Continue shows the stage output live."));
        }
    }

    /// <summary>Local repository paths are resolved against $PWD; URLs are left alone.</summary>
    private string ResolveRepository(string url) =>
        url.Contains("://", StringComparison.Ordinal) || GitUrls.IsSsh(url) ? url : ResolveFileSystemPath(url);

    private Dictionary<string, string> ConvertSecrets(Hashtable? secrets)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (secrets is null)
        {
            return values;
        }

        foreach (DictionaryEntry entry in secrets)
        {
            var name = (entry.Key is PSObject pk ? pk.BaseObject : entry.Key) as string;
            if (string.IsNullOrWhiteSpace(name))
            {
                ThrowBodyworkError(new BodyworkException(BodyworkErrorIds.InvalidArgument, BodyworkErrorCategory.InvalidArgument,
                    "-Secret keys must be environment variable names (non-empty strings)", "Secret"));
            }

            values[name] = (entry.Value is PSObject pv ? pv.BaseObject : entry.Value) switch
            {
                string text => text,
                SecureString secure => new NetworkCredential("", secure).Password,
                // The value itself is never echoed: it is a secret.
                _ => ThrowInvalidSecret(name),
            };
        }

        return values;
    }

    private string ThrowInvalidSecret(string name)
    {
        ThrowBodyworkError(new BodyworkException(BodyworkErrorIds.InvalidArgument, BodyworkErrorCategory.InvalidArgument,
            $"-Secret value for {name} must be a string or a SecureString", name));
        return "";
    }
}
