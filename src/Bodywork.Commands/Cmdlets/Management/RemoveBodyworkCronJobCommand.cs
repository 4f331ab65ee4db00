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
public sealed class RemoveBodyworkCronJobCommand : BodyworkManagementCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateKubernetesName]
    [ArgumentCompleter(typeof(CronJobNameCompleter))]
    public string Name { get; set; } = "";

    /// <summary>Null: the kubeconfig context's namespace.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Ns")]
    [ValidateKubernetesName]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>Output the deleted cron job.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() =>
        Execute(ctx => new CronJobManager(Api).RemoveAsync(ResolveNamespace(Namespace), Name, ctx), target: Name, write: PassThru.IsPresent);
}
