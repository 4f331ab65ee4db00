using System.Management.Automation;
using Bodywork.Commands.Cmdlets.Management;
using Bodywork.Commands.Completion;
using Bodywork.Commands.Validation;
using Bodywork.Engine.Local;
using Bodywork.Engine.Management;
using Bodywork.Models.Local;
using Bodywork.Models.Management;

namespace Bodywork.Commands;

/// <summary>Remove-BodyworkService: deletes a service stage's Deployment and Service, or (-Local) stops a local one.</summary>
[Cmdlet(VerbsCommon.Remove, "BodyworkService", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ClusterSet)]
[OutputType(typeof(BodyworkService), ParameterSetName = new[] { ClusterSet })]
[OutputType(typeof(LocalService), ParameterSetName = new[] { LocalSet })]
public sealed class RemoveBodyworkServiceCommand : BodyworkNamespacedCmdlet
{
    private const string ClusterSet = "Cluster";
    private const string LocalSet = "Local";

    /// <summary>The service name, <c>project--stage</c>.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServiceNameCompleter))]
    public string Name { get; set; } = "";

    /// <summary>Stop a service that a local workflow run started on this machine.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LocalSet)]
    public SwitchParameter Local { get; set; }

    /// <summary>Output the removed service.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override bool UsesCluster => ParameterSetName != LocalSet;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == LocalSet)
        {
            if (Namespace is not null)
            {
                ThrowBodyworkError(ManagementErrors.InvalidArgument("-Namespace does not apply to -Local: local services run on this machine", Namespace));
            }

            Execute(ctx => LocalServices.StopAsync(new LocalServiceStore(), Name, ctx), target: Name, write: PassThru.IsPresent);
            return;
        }

        Execute(ctx => new ServiceManager(Api).RemoveAsync(TargetNamespace, Name, ctx), target: Name, write: PassThru.IsPresent);
    }
}
