using System.Management.Automation;
using Bodywork.Commands.Cmdlets.Management;
using Bodywork.Commands.Completion;
using Bodywork.Commands.Validation;
using Bodywork.Engine.Management;
using Bodywork.Models.Management;

namespace Bodywork.Commands;

/// <summary>Get-BodyworkCronJob: the workflow cron jobs of a namespace.</summary>
[Cmdlet(VerbsCommon.Get, "BodyworkCronJob")]
[OutputType(typeof(BodyworkCronJob))]
public sealed class GetBodyworkCronJobCommand : BodyworkNamespacedCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CronJobNameCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        var manager = new Lazy<CronJobManager>(() => new CronJobManager(Api));
        WriteNamed(Name, (pattern, ct) => manager.Value.ListAsync(TargetNamespace, pattern, ct),
            (name, ct) => manager.Value.GetAsync(TargetNamespace, name, ct));
    }
}
