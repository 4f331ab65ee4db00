using System.Management.Automation;
using Bodywork.Commands.Cmdlets.Management;
using Bodywork.Commands.Completion;
using Bodywork.Commands.Validation;
using Bodywork.Engine.Management;
using Bodywork.Models.Management;

namespace Bodywork.Commands;

/// <summary>Remove-BodyworkSecret: deletes a secret.</summary>
[Cmdlet(VerbsCommon.Remove, "BodyworkSecret", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(BodyworkSecret))]
public sealed class RemoveBodyworkSecretCommand : BodyworkNamespacedCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateKubernetesName(AllowDots = true)]
    [ArgumentCompleter(typeof(SecretNameCompleter))]
    public string Name { get; set; } = "";

    /// <summary>Output the deleted secret.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() =>
        Execute(ctx => new SecretManager(Api).RemoveAsync(TargetNamespace, Name, ctx), target: Name, write: PassThru.IsPresent);
}
