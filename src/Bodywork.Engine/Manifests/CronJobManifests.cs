using System.Reflection;
using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Manifests;

/// <summary>What New-BodyworkCronJob / <c>bodywork cronjob create</c> asks for.</summary>
/// <param name="Namespace">Namespace (set up for Bodywork).</param>
/// <param name="Name">CronJob name (DNS-1123 label of at most 52 characters: the controller appends a suffix for each run).</param>
/// <param name="Schedule">Validated cron schedule.</param>
/// <param name="GitRepoUrl">Repository whose workflow runs.</param>
/// <param name="Branch">Branch to run; null = the repository's default branch.</param>
/// <param name="Retry">Retries of a failed run (backoffLimit).</param>
/// <param name="HistoryLimit">Finished runs kept, successful and failed each.</param>
/// <param name="Image">Controller image; null = <see cref="CronJobManifests.DefaultControllerImage"/>.</param>
public sealed record CronJobRequest(string Namespace, string Name, string Schedule, string GitRepoUrl, string? Branch,
    int Retry = CronJobManifests.DefaultRetry, int HistoryLimit = CronJobManifests.DefaultHistoryLimit, string? Image = null);

/// <summary>
/// The batch/v1 CronJob that runs the workflow controller — the <c>bodywork</c> CLI in the controller image
/// — on a schedule: <c>bodywork workflow --namespace NS URL BRANCH</c>. The URL and branch are container
/// arguments (no shell ever parses them) and also annotations, so listings need not parse args.
/// </summary>
public static class CronJobManifests
{
    /// <summary>Image repository of the workflow controller (built from the repo's Dockerfile).</summary>
    public const string ControllerImageRepository = "ghcr.io/bodywork-ml/bodywork-powershell-controller";

    /// <summary>Container name, as in the original.</summary>
    public const string ContainerName = "bodywork";

    /// <summary>The original's default for --retries.</summary>
    public const int DefaultRetry = 2;

    /// <summary>The original kept one successful and one failed run.</summary>
    public const int DefaultHistoryLimit = 1;

    /// <summary>Secret and key of the optional SSH key for private repositories (as in the original).</summary>
    public const string SshKeySecret = "ssh-github-private-key";

    /// <summary>Environment variable (and secret key) holding the SSH private key.</summary>
    public const string SshKeyVariable = "BODYWORK_GITHUB_SSH_PRIVATE_KEY";

    /// <summary><c>ghcr.io/bodywork-ml/bodywork-powershell-controller:&lt;module version&gt;</c>.</summary>
    public static string DefaultControllerImage { get; } = ControllerImageRepository + ":" + ModuleVersion();

    /// <summary>Builds the CronJob.</summary>
    public static CronJob CronJob(CronJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var labels = BodyworkLabels.ForObject();
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [BodyworkLabels.GitUrlAnnotation] = request.GitRepoUrl };
        List<string> args = ["workflow", "--namespace", request.Namespace, request.GitRepoUrl];
        if (request.Branch is not null)
        {
            annotations[BodyworkLabels.GitBranchAnnotation] = request.Branch;
            args.Add(request.Branch);
        }

        var container = new Container
        {
            Name = ContainerName,
            Image = request.Image ?? DefaultControllerImage,
            ImagePullPolicy = "IfNotPresent",
            Command = ["bodywork"],
            Args = args,
            Env =
            [
                new EnvVar
                {
                    Name = SshKeyVariable,
                    ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = SshKeySecret, Key = SshKeyVariable, Optional = true } },
                },
            ],
        };
        return new CronJob
        {
            Metadata = new ObjectMeta { Name = request.Name, Namespace = request.Namespace, Labels = labels, Annotations = annotations },
            Spec = new CronJobSpec
            {
                Schedule = request.Schedule,
                // Two workflow runs of one repository in one namespace would fight over the same objects.
                ConcurrencyPolicy = "Forbid",
                SuccessfulJobsHistoryLimit = request.HistoryLimit,
                FailedJobsHistoryLimit = request.HistoryLimit,
                JobTemplate = new JobTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = labels, Annotations = annotations },
                    Spec = new JobSpec
                    {
                        Completions = 1,
                        BackoffLimit = request.Retry,
                        Template = new PodTemplateSpec
                        {
                            Metadata = new ObjectMeta { Labels = labels },
                            Spec = new PodSpec
                            {
                                ServiceAccountName = BodyworkNames.WorkflowControllerAccount,
                                RestartPolicy = "Never",
                                Containers = [container],
                            },
                        },
                    },
                },
            },
        };
    }

    private static string ModuleVersion()
    {
        var info = typeof(CronJobManifests).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(CronJobManifests).Assembly.GetName().Version?.ToString(3) ?? "latest";
        var plus = info.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? info : info[..plus];
    }
}
