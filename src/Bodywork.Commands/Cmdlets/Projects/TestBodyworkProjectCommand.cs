using System.Management.Automation;
using Bodywork.Commands.Infrastructure;
using Bodywork.Commands.Validation;
using Bodywork.Engine.Projects;
using Bodywork.Models.Projects;

namespace Bodywork.Commands;

/// <summary>Test-BodyworkProject: validates a project folder locally, without a cluster.</summary>
[Cmdlet(VerbsDiagnostic.Test, "BodyworkProject", DefaultParameterSetName = QuietSet)]
[OutputType(typeof(bool), ParameterSetName = new[] { QuietSet })]
[OutputType(typeof(BodyworkValidationResult), ParameterSetName = new[] { DetailedSet })]
public sealed class TestBodyworkProjectCommand : BodyworkCmdlet
{
    private const string QuietSet = "Default";
    private const string DetailedSet = "Detailed";

    /// <summary>Project folder or its bodywork.ini; FullName lets Get-ChildItem output bind.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidatePathText]
    public string Path { get; set; } = ".";

    [Parameter(Mandatory = true, ParameterSetName = DetailedSet)]
    public SwitchParameter Detailed { get; set; }

    protected override void ProcessRecord()
    {
        var fullPath = ResolveFileSystemPath(Path);
        RunAndWrite(ctx =>
        {
            var result = BodyworkProjects.Validate(fullPath);
            foreach (var issue in result.Issues)
            {
                ctx.WriteVerbose(issue.ToString());
            }

            return Task.FromResult<object>(Detailed.IsPresent ? result : result.IsValid);
        }, target: Path);
    }
}
