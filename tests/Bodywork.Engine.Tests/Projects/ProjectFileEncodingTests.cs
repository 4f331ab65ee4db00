using System.Text;
using Bodywork.Engine.Projects;
using Bodywork.Engine.Tests.Support;
using Xunit;

namespace Bodywork.Engine.Tests.Projects;

/// <summary>Whole files that cannot be read as a project: empty, not UTF-8, not text.</summary>
public class ProjectFileEncodingTests
{
    [Fact]
    public void An_empty_bodywork_ini_reports_each_missing_section_once()
    {
        using var builder = new ProjectBuilder().WithBatchStage("prepare").WithBodyworkIni("");
        var result = BodyworkProjects.Validate(builder.Build());
        Assert.Equal(
            ["missing section [default] in bodywork.ini", "missing section [workflow] in bodywork.ini", "missing section [logging] in bodywork.ini"],
            result.Issues.Select(i => i.Message));
        Assert.All(result.Issues, i => Assert.Equal("bodywork.ini", i.File));
    }

    [Fact]
    public void A_config_ini_that_is_not_utf8_is_reported_as_such_at_its_line()
    {
        using var builder = new ProjectBuilder().WithBatchStage("prepare");
        var latin1 = Encoding.Latin1.GetBytes(ProjectBuilder.BatchConfig().Replace("[batch]", "; réglages\n[batch]", StringComparison.Ordinal));
        builder.WithBytes("prepare/config.ini", latin1);

        var result = BodyworkProjects.Validate(builder.Build());

        var issue = Assert.Single(result.Issues);
        Assert.Equal("prepare/config.ini", issue.File);
        Assert.Equal(7, issue.Line);
        Assert.Equal("the file is not valid UTF-8 text (invalid byte 0xE9 at line 7)", issue.Message);
        Assert.Null(result.Project);
    }

    [Fact]
    public void A_binary_bodywork_ini_is_reported_only_as_not_utf8()
    {
        using var builder = new ProjectBuilder().WithBatchStage("prepare");
        builder.WithBytes("bodywork.ini", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0xFF, 0xFE, 0x00, 0x0A]);

        var result = BodyworkProjects.Validate(builder.Build());

        var issue = Assert.Single(result.Issues);
        Assert.Equal("bodywork.ini", issue.File);
        Assert.Equal(1, issue.Line);
        Assert.Null(issue.Key);
        Assert.Equal("the file is not valid UTF-8 text (invalid byte 0xFF at line 1)", issue.Message);
    }
}
