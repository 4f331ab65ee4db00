using Bodywork.Surface.Tests.Infrastructure;
using Xunit;

namespace Bodywork.Surface.Tests.Docs;

/// <summary>
/// Every cmdlet has docs/en-US/&lt;Cmdlet&gt;.md in PlatyPS 1.x form whose parameter blocks match the
/// compiled metadata, so help cannot silently drift from the code.
/// </summary>
public sealed class CommandHelpTests
{
    private static readonly string DocsDirectory = Path.Combine(SurfacePaths.RepoRoot, "docs", "en-US");

    public static TheoryData<string> CmdletNames
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var c in ModuleMetadata.Instance.Cmdlets)
            {
                data.Add(c.Name);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Help_file_is_PlatyPS_1_markdown_for_the_cmdlet(string cmdlet)
    {
        var doc = Load(cmdlet);
        Assert.Equal("2024-05-01", doc.FrontMatter.GetValueOrDefault("PlatyPS schema version"));
        Assert.Equal("cmdlet", doc.FrontMatter.GetValueOrDefault("document type"));
        Assert.Equal(cmdlet, doc.FrontMatter.GetValueOrDefault("title"));
        Assert.Equal("Bodywork", doc.FrontMatter.GetValueOrDefault("Module Name"));
        Assert.Contains($"\n# {cmdlet}\n", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{ Fill in", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{Fill", doc.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Help_has_at_least_one_example_with_code(string cmdlet)
    {
        var doc = Load(cmdlet);
        Assert.NotEmpty(doc.Examples);
        Assert.All(doc.Examples, e => Assert.Contains("```", e, StringComparison.Ordinal));
        Assert.Contains(doc.Examples, e => e.Contains(cmdlet, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Syntax_lists_every_parameter_set(string cmdlet)
    {
        var info = ModuleMetadata.Instance.Cmdlet(cmdlet);
        Assert.Equal(info.ParameterSetNames.Order(StringComparer.Ordinal), Load(cmdlet).SyntaxSets.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Parameter_blocks_match_the_metadata(string cmdlet)
    {
        var info = ModuleMetadata.Instance.Cmdlet(cmdlet);
        var doc = Load(cmdlet);
        var expected = info.Parameters.Select(p => p.Name).ToList();
        if (info.SupportsShouldProcess)
        {
            expected.AddRange(["Confirm", "WhatIf"]); // PlatyPS documents these two common parameters
        }

        Assert.Equal(expected.Order(StringComparer.Ordinal), doc.Parameters.Keys.Order(StringComparer.Ordinal));
        foreach (var parameter in info.Parameters)
        {
            var documented = doc.Parameters[parameter.Name];
            Assert.True(parameter.Type.FullName == documented.Type, $"{cmdlet} -{parameter.Name}: Type {documented.Type}, code says {parameter.Type.FullName}");
            Assert.Equal(parameter.Aliases.Order(StringComparer.Ordinal), (documented.Aliases ?? []).Order(StringComparer.Ordinal));
            Assert.Equal(
                parameter.Sets.Select(Describe).Order(StringComparer.Ordinal),
                documented.ParameterSets.Select(Describe).Order(StringComparer.Ordinal));
        }
    }

    private static string Describe(ParameterSetInfo s) => Describe(new DocParameterSet
    {
        Name = s.Name == CmdletInfo.AllParameterSets ? "(All)" : s.Name,
        Position = s.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "Named",
        IsRequired = s.Mandatory,
        ValueFromPipeline = s.ValueFromPipeline,
        ValueFromPipelineByPropertyName = s.ValueFromPipelineByPropertyName,
        ValueFromRemainingArguments = s.ValueFromRemainingArguments,
    });

    private static string Describe(DocParameterSet s) =>
        $"set={s.Name} position={s.Position} required={s.IsRequired} byValue={s.ValueFromPipeline} "
        + $"byPropertyName={s.ValueFromPipelineByPropertyName} remaining={s.ValueFromRemainingArguments}";

    private static CommandHelpDocument Load(string cmdlet)
    {
        var path = Path.Combine(DocsDirectory, cmdlet + ".md");
        Assert.True(File.Exists(path), $"{cmdlet} has no help file at docs/en-US/{cmdlet}.md");
        return CommandHelpDocument.Parse(path);
    }
}
