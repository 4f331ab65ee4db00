using System.Text.Json;
using Bodywork.Cli.Output;
using Bodywork.Cli.Parsing;
using Bodywork.Engine.Projects;

namespace Bodywork.Cli.Commands;

/// <summary><c>bodywork validate [PATH] [--output text|json]</c>: check a project without touching a cluster.</summary>
public static class ValidateCommand
{
    public static CliCommand Create() =>
        new CliCommand("validate",
                "Check a Bodywork project (bodywork.ini and every stage's config.ini) and list every problem. "
                + "Exit code 0 when valid, 1 when not.")
            .Positional(new CliPositional("path", "project folder or its bodywork.ini (default: current folder)") { Required = false, Default = "." })
            .Option(new CliOption("output", "output format") { Choices = ["text", "json"], Default = "text" })
            .Handle(RunAsync);

    private static async Task<int> RunAsync(CliInvocation invocation)
    {
        var result = BodyworkProjects.Validate(invocation.Get("path")!);
        if (invocation.Get("output") == "json")
        {
            var json = JsonSerializer.Serialize(ValidationReport.From(result), CliJsonContext.Readable.ValidationReport);
            await invocation.Out.WriteLineAsync(json).ConfigureAwait(false);
        }
        else if (result.Project is { } project)
        {
            await invocation.Out.WriteLineAsync(
                $"project {project.Name} is valid: {Plural(project.StepCount, "step")}, {Plural(project.StageCount, "stage")}").ConfigureAwait(false);
        }
        else
        {
            foreach (var issue in result.Issues)
            {
                await invocation.Out.WriteLineAsync(issue.ToString()).ConfigureAwait(false);
            }
            await invocation.Error.WriteLineAsync(
                $"project at {result.Path} is invalid: {Plural(result.IssueCount, "issue")}").ConfigureAwait(false);
        }
        return result.IsValid ? CliApp.ExitOk : CliApp.ExitFailure;
    }

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
