using System.Text.Json;
using Bodywork.Cli;
using Bodywork.Engine.Tests.Support;
using Xunit;

namespace Bodywork.Engine.Tests.Cli;

/// <summary><c>bodywork validate</c> run in-process through <see cref="CliApp"/>, as Program.cs runs it.</summary>
public class ValidateCommandTests
{
    private sealed record CliRun(int ExitCode, string Out, string Error)
    {
        public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
    }

    private static async Task<CliRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    private static ProjectBuilder BrokenProject() => new ProjectBuilder()
        .WithBatchStage("prepare")
        .WithStage("serve", ProjectBuilder.ServiceConfig().Replace("PORT=5000", "PORT=five-thousand", StringComparison.Ordinal))
        .WithLogLevel("LOUD");

    [Fact]
    public async Task A_valid_project_exits_0_and_says_so()
    {
        using var builder = new ProjectBuilder().WithBatchStage("prepare").WithServiceStage("serve");
        var run = await RunAsync("validate", builder.Build());
        Assert.Equal(CliApp.ExitOk, run.ExitCode);
        Assert.Equal("project test-project is valid: 2 steps, 2 stages", Assert.Single(run.OutLines));
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task An_invalid_project_exits_1_with_one_line_per_issue_as_file_line_key_message()
    {
        using var builder = BrokenProject();
        var run = await RunAsync("validate", builder.Build());
        Assert.Equal(CliApp.ExitFailure, run.ExitCode);
        Assert.Equal(
        [
            "bodywork.ini:9: LOG_LEVEL: expected one of CRITICAL FATAL ERROR WARNING WARN INFO DEBUG NOTSET (any case), found 'LOUD'",
            "serve/config.ini:10: PORT: expected a whole number from 1 to 65535, found 'five-thousand'",
        ], run.OutLines);
        Assert.Contains("is invalid: 2 issues", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_issue_without_a_line_or_key_leaves_them_out()
    {
        using var builder = new ProjectBuilder().WithBatchStage("prepare").WithoutFile("prepare/config.ini");
        var run = await RunAsync("validate", builder.Build(), "--output", "text");
        Assert.Equal(CliApp.ExitFailure, run.ExitCode);
        Assert.Equal("prepare/config.ini: no config file found at prepare/config.ini", Assert.Single(run.OutLines));
    }

    [Fact]
    public async Task Json_output_parses_and_lists_every_issue()
    {
        using var builder = BrokenProject();
        var root = builder.Build();
        var run = await RunAsync("validate", root, "--output", "json");
        Assert.Equal(CliApp.ExitFailure, run.ExitCode);

        using var json = JsonDocument.Parse(run.Out);
        var report = json.RootElement;
        Assert.Equal(root, report.GetProperty("path").GetString());
        Assert.False(report.GetProperty("valid").GetBoolean());
        Assert.Equal(2, report.GetProperty("issueCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("project").ValueKind);
        var issues = report.GetProperty("issues").EnumerateArray().ToList();
        Assert.Equal(2, issues.Count);
        Assert.Equal("serve/config.ini", issues[1].GetProperty("file").GetString());
        Assert.Equal(10, issues[1].GetProperty("line").GetInt32());
        Assert.Equal("service", issues[1].GetProperty("section").GetString());
        Assert.Equal("PORT", issues[1].GetProperty("key").GetString());
        Assert.Equal("expected a whole number from 1 to 65535, found 'five-thousand'", issues[1].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Json_output_of_a_valid_project_has_the_project()
    {
        using var builder = new ProjectBuilder().WithBatchStage("prepare", secrets: "TOKEN=api-token").WithServiceStage("serve", port: 8080);
        var run = await RunAsync("validate", "--output=json", builder.Build());
        Assert.Equal(CliApp.ExitOk, run.ExitCode);

        using var json = JsonDocument.Parse(run.Out);
        var report = json.RootElement;
        Assert.True(report.GetProperty("valid").GetBoolean());
        Assert.Empty(report.GetProperty("issues").EnumerateArray());
        var project = report.GetProperty("project");
        Assert.Equal("test-project", project.GetProperty("name").GetString());
        Assert.Equal("prepare >> serve", project.GetProperty("dag").GetString());
        var stages = project.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal("batch", stages[0].GetProperty("kind").GetString());
        Assert.Equal("TOKEN", stages[0].GetProperty("secrets")[0].GetProperty("environmentVariable").GetString());
        Assert.Equal("service", stages[1].GetProperty("kind").GetString());
        Assert.Equal(8080, stages[1].GetProperty("port").GetInt32());
        Assert.Equal("test-project--serve", stages[1].GetProperty("objectName").GetString());
    }

    [Theory]
    [InlineData("validate", "--no-such-option")]
    [InlineData("validate", "one", "two")]
    [InlineData("validate", "--output", "xml")]
    [InlineData("validate", "--output")]
    public async Task Bad_usage_exits_2_with_an_argparse_style_message(params string[] args)
    {
        var run = await RunAsync(args);
        Assert.Equal(CliApp.ExitUsage, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.StartsWith("usage: bodywork validate", run.Error, StringComparison.Ordinal);
        Assert.Contains("bodywork validate: error: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_folder_exits_1()
    {
        var run = await RunAsync("validate", Path.Combine(Path.GetTempPath(), "bodywork-tests", "missing-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(CliApp.ExitFailure, run.ExitCode);
        Assert.Contains("the folder does not exist", Assert.Single(run.OutLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_describes_the_exit_codes()
    {
        var run = await RunAsync("validate", "-h");
        Assert.Equal(CliApp.ExitOk, run.ExitCode);
        Assert.Contains("Exit code 0 when valid, 1 when not.", run.Out, StringComparison.Ordinal);
        Assert.Contains("--output", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_example_project_validates_as_the_readme_shows()
    {
        var run = await RunAsync("validate", Path.Combine(RepoPaths.Examples, "iris-pipeline"));
        Assert.Equal(CliApp.ExitOk, run.ExitCode);
        Assert.Equal("project iris-pipeline is valid: 4 steps, 5 stages", Assert.Single(run.OutLines));
    }
}
