using System.Management.Automation;
using Bodywork.Commands.Cmdlets.Management;
using Bodywork.Commands.Completion;
using Bodywork.Commands.Validation;
using Bodywork.Engine.Management;
using Bodywork.Models.Management;

namespace Bodywork.Commands;

/// <summary>Get-BodyworkCronJobHistory: the runs of a cron job (start, completion, duration, status).</summary>
[Cmdlet(VerbsCommon.Get, "BodyworkCronJobHistory")]
[OutputType(typeof(BodyworkCronJobRun))]
public sealed class GetBodyworkCronJobHistoryCommand : BodyworkNamespacedCmdlet
{
    /// <summary>The cron job's name (a piped cron job's Name binds here).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("CronJobName")]
    [ValidateKubernetesName]
    [ArgumentCompleter(typeof(CronJobNameCompleter))]
    public string Name { get; set; } = "";

    protected override void ProcessRecord() =>
        Execute<IReadOnlyList<BodyworkCronJobRun>>(ctx => new CronJobManager(Api).HistoryAsync(TargetNamespace, Name, ctx.CancellationToken)!,
            target: Name);
}
