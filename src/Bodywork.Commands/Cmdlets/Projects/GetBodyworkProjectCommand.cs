using System.Management.Automation;
using Bodywork.Commands.Infrastructure;
using Bodywork.Commands.Validation;
using Bodywork.Engine.Projects;
using Bodywork.Models.Projects;

namespace Bodywork.Commands;

/// <summary>Get-BodyworkProject: loads a valid project (stages, DAG steps) from disk.</summary>
[Cmdlet(VerbsCommon.Get, "BodyworkProject")]
[OutputType(typeof(BodyworkProject))]
public sealed class GetBodyworkProjectCommand : BodyworkCmdlet
{
    /// <summary>Project folder or its bodywork.ini; FullName lets Get-ChildItem output bind.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidatePathText]
    public string Path { get; set; } = ".";

    // An invalid project is terminating (BodyworkConfigInvalid, InvalidData): its message lists every issue.
    protected override void ProcessRecord()
    {
        var fullPath = ResolveFileSystemPath(Path);
        RunAndWrite(_ => Task.FromResult(BodyworkProjects.Load(fullPath)), target: Path, terminating: true);
    }
}
