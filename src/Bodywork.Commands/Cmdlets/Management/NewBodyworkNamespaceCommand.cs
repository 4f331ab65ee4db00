using System.Management.Automation;
using Bodywork.Commands.Cmdlets.Management;
using Bodywork.Commands.Completion;
using Bodywork.Commands.Validation;
using Bodywork.Engine.Management;
using Bodywork.Models.Management;

namespace Bodywork.Commands;

/// <summary>New-BodyworkNamespace: creates the namespace if missing and the service accounts, roles and bindings Bodywork needs.</summary>
[Cmdlet(VerbsCommon.New, "BodyworkNamespace", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BodyworkNamespace))]
public sealed class NewBodyworkNamespaceCommand : BodyworkManagementCmdlet
{
    /// <summary>The namespace to set up.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateKubernetesName]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string Name { get; set; } = "";

    protected override void ProcessRecord() =>
        Execute(ctx => new NamespaceManager(Api).SetUpAsync(Name, ctx)!, target: Name);
}
