using System.Management.Automation;
using Bodywork.Commands.Cmdlets.Management;
using Bodywork.Commands.Completion;
using Bodywork.Commands.Validation;
using Bodywork.Engine.Local;
using Bodywork.Engine.Management;
using Bodywork.Models.Local;
using Bodywork.Models.Management;

namespace Bodywork.Commands;

/// <summary>Get-BodyworkService: service stages deployed to a namespace, or (-Local) started by local workflow runs.</summary>
[Cmdlet(VerbsCommon.Get, "BodyworkService", DefaultParameterSetName = ClusterSet)]
[OutputType(typeof(BodyworkService), ParameterSetName = new[] { ClusterSet })]
[OutputType(typeof(LocalService), ParameterSetName = new[] { LocalSet })]
public sealed class GetBodyworkServiceCommand : BodyworkNamespacedCmdlet
{
    private const string ClusterSet = "Cluster";
    private const string LocalSet = "Local";

    /// <summary>Service names (<c>project--stage</c>) or wildcards; none lists all.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ServiceNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>List the services local workflow runs started on this machine instead.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LocalSet)]
    public SwitchParameter Local { get; set; }

    protected override bool UsesCluster => ParameterSetName != LocalSet;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == LocalSet)
        {
            if (Namespace is not null)
            {
                ThrowBodyworkError(ManagementErrors.InvalidArgument("-Namespace does not apply to -Local: local services run on this machine", Namespace));
            }

            WriteNamed(Name, (pattern, _) => Task.FromResult(LocalServices.List(new LocalServiceStore(), pattern)),
                (name, _) => Task.FromResult(LocalServices.Find(new LocalServiceStore(), name)));
            return;
        }

        var manager = new Lazy<ServiceManager>(() => new ServiceManager(Api));
        WriteNamed(Name, (pattern, ct) => manager.Value.ListAsync(TargetNamespace, pattern, ct),
            (name, ct) => manager.Value.GetAsync(TargetNamespace, name, ct));
    }
}
