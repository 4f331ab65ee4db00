using System.Management.Automation;
using Bodywork.Commands.Cmdlets.Management;
using Bodywork.Commands.Completion;
using Bodywork.Commands.Validation;
using Bodywork.Engine.Management;
using Bodywork.Engine.Manifests;
using Bodywork.Models.Management;

namespace Bodywork.Commands;

/// <summary>New-BodyworkCronJob: runs a repository's workflow in the cluster on a schedule.</summary>
[Cmdlet(VerbsCommon.New, "BodyworkCronJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BodyworkCronJob))]
public sealed class NewBodyworkCronJobCommand : BodyworkNamespacedCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateKubernetesName]
    public string Name { get; set; } = "";

    /// <summary>Five-field cron schedule or macro (@hourly, @daily, …), in the cluster's time zone (usually UTC).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateCronSchedule]
    public string Schedule { get; set; } = "";

    /// <summary>Repository whose workflow runs (a string: SSH URLs are not valid System.Uri values).</summary>
    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [Alias("Uri", "Url")]
    [ValidateNotNullOrEmpty]
    public string GitRepoUrl { get; set; } = "";

    /// <summary>Branch to run; default: the repository's default branch.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("GitRepoBranch")]
    [ValidateNotNullOrEmpty]
    public string? Branch { get; set; }

    /// <summary>Retries of a failed run (the Job's backoffLimit).</summary>
    [Parameter]
    [ValidateRange(0, 100)]
    public int Retry { get; set; } = CronJobManifests.DefaultRetry;

    /// <summary>Finished runs kept, successful and failed each (their logs go with them).</summary>
    [Parameter]
    [ValidateRange(0, 100)]
    public int HistoryLimit { get; set; } = CronJobManifests.DefaultHistoryLimit;

    /// <summary>Workflow controller image; default ghcr.io/bodywork-ml/bodywork-powershell-controller:&lt;module version&gt;.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Image { get; set; }

    /// <summary>Re-apply an existing cron job of that name instead of failing.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord() =>
        Execute(ctx => new CronJobManager(Api).CreateAsync(
            new CronJobRequest(TargetNamespace, Name, Schedule, GitRepoUrl, Branch, Retry, HistoryLimit, Image), Force.IsPresent, ctx),
            target: Name);
}
