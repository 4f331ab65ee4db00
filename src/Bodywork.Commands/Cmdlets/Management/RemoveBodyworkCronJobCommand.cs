using System.Management.Automation;
using Bodywork.Commands.Cmdlets.Management;
using Bodywork.Commands.Completion;
using Bodywork.Commands.Validation;
using Bodywork.Engine.Management;
using Bodywork.Models.Management;

namespace Bodywork.Commands;

/// <summary>Remove-BodyworkCronJob: deletes a cron job with its runs and their pods.</summary>
[Cmdlet(VerbsCommon.Remove, "BodyworkCronJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(BodyworkCronJob))]
public sealed class RemoveBodyworkCronJobCommand : BodyworkNamespacedCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateKubernetesName]
    [ArgumentCompleter(typeof(CronJobNameCompleter))]
    public string Name { get; set; } = "";

    /// <summary>Output the deleted cron job.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() =>
        Execute(ctx => new CronJobManager(Api).RemoveAsync(TargetNamespace, Name, ctx), target: Name, write: PassThru.IsPresent);
}
