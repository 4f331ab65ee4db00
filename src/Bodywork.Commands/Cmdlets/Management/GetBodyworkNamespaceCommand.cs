using System.Management.Automation;
using Bodywork.Commands.Cmdlets.Management;
using Bodywork.Commands.Completion;
using Bodywork.Engine.Management;
using Bodywork.Models.Management;

namespace Bodywork.Commands;

/// <summary>Get-BodyworkNamespace: namespaces set up for Bodywork, with their readiness.</summary>
[Cmdlet(VerbsCommon.Get, "BodyworkNamespace")]
[OutputType(typeof(BodyworkNamespace))]
public sealed class GetBodyworkNamespaceCommand : BodyworkManagementCmdlet
{
    /// <summary>Names or wildcards; none lists every namespace that holds a Bodywork set-up.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        var manager = new Lazy<NamespaceManager>(() => new NamespaceManager(Api));
        WriteNamed(Name, (pattern, ct) => manager.Value.ListAsync(pattern, ct), (name, ct) => manager.Value.GetAsync(name, ct));
    }
}
