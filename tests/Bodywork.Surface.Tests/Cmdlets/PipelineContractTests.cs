using Bodywork.Surface.Tests.Infrastructure;
using Xunit;

namespace Bodywork.Surface.Tests.Cmdlets;

/// <summary>
/// The pipelines users rely on (§2.3). Each row: what flows in (a cmdlet's OutputType, or a foreign
/// .NET type), the downstream cmdlet, and the parameters the object must fill. Add a row per new pair.
/// </summary>
public sealed class PipelineContractTests
{
    private static readonly ModuleMetadata Module = ModuleMetadata.Instance;

    public static TheoryData<string, string, string> Contracts => new()
    {
        // upstream: "cmdlet:<Name>" (its OutputTypes) or "type:<full .NET name>"; expected: parameters bound, comma-separated
        { "type:System.IO.DirectoryInfo", "Test-BodyworkProject", "Path" },   // Get-ChildItem -Directory | Test-BodyworkProject
        { "type:System.IO.FileInfo", "Test-BodyworkProject", "Path" },        // Get-ChildItem bodywork.ini | Test-BodyworkProject
        { "type:System.IO.DirectoryInfo", "Get-BodyworkProject", "Path" },
        { "cmdlet:Get-BodyworkProject", "Test-BodyworkProject", "Path" },      // re-validate a loaded project
        { "type:Bodywork.Models.Projects.BodyworkValidationResult", "Get-BodyworkProject", "Path" },
        { "type:Bodywork.Models.Management.BodyworkService", "Remove-BodyworkService", "Name,Namespace" },   // Get-BodyworkService | Remove-BodyworkService
        { "type:Bodywork.Models.Local.LocalService", "Remove-BodyworkService", "Name" },                     // Get-BodyworkService -Local | Remove-BodyworkService -Local
        { "cmdlet:Get-BodyworkSecret", "Remove-BodyworkSecret", "Name,Namespace" },
        { "cmdlet:Get-BodyworkCronJob", "Remove-BodyworkCronJob", "Name,Namespace" },
        { "cmdlet:Get-BodyworkCronJob", "Get-BodyworkCronJobHistory", "Name,Namespace" },
        { "cmdlet:Get-BodyworkCronJobHistory", "Get-BodyworkCronJobLog", "Name,Namespace" },
        { "cmdlet:Get-BodyworkNamespace", "New-BodyworkNamespace", "Name" },                                 // re-run the set-up of listed namespaces
    };

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Upstream_objects_bind_to_the_downstream_cmdlet(string upstream, string downstream, string expected)
    {
        var target = Module.Cmdlet(downstream);
        var inputs = Upstream(upstream);
        Assert.NotEmpty(inputs);
        foreach (var input in inputs)
        {
            var sets = PipelineBinder.Bind(target, input);
            Assert.True(sets.Count > 0, $"{input.FullName} does not bind to any parameter set of {downstream}");
            Assert.Contains(sets.Values, bound =>
                string.Join(",", bound.OrderBy(b => b, StringComparer.Ordinal)) == expected);
        }
    }

    [Fact]
    public void The_binder_rejects_an_object_without_matching_properties()
    {
        // Keeps the emulation honest: a type with no Path/FullName property must not bind.
        var issue = Module.Models.GetType("Bodywork.Models.Projects.BodyworkProjectIssue", throwOnError: true)!;
        Assert.Empty(PipelineBinder.Bind(Module.Cmdlet("Test-BodyworkProject"), issue));
    }

    private static IReadOnlyList<Type> Upstream(string spec)
    {
        if (spec.StartsWith("cmdlet:", StringComparison.Ordinal))
        {
            return Module.Cmdlet(spec["cmdlet:".Length..]).OutputTypes.SelectMany(o => o.Types).Distinct().ToList();
        }

        var name = spec["type:".Length..];
        var type = Module.Models.GetType(name) ?? Module.CoreType(name);
        return [type];
    }
}
