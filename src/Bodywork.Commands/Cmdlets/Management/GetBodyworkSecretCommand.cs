using System.Management.Automation;
using Bodywork.Commands.Cmdlets.Management;
using Bodywork.Commands.Completion;
using Bodywork.Commands.Validation;
using Bodywork.Engine.Management;
using Bodywork.Models.Management;

namespace Bodywork.Commands;

/// <summary>Get-BodyworkSecret: secrets of a namespace with their keys — never their values.</summary>
[Cmdlet(VerbsCommon.Get, "BodyworkSecret")]
[OutputType(typeof(BodyworkSecret))]
public sealed class GetBodyworkSecretCommand : BodyworkNamespacedCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(SecretNameCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        var manager = new Lazy<SecretManager>(() => new SecretManager(Api));
        WriteNamed(Name, (pattern, ct) => manager.Value.ListAsync(TargetNamespace, pattern, ct),
            (name, ct) => manager.Value.GetAsync(TargetNamespace, name, ct));
    }
}
