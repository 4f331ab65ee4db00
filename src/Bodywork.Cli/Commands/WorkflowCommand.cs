using Bodywork.Cli.Parsing;
using Bodywork.Cli.Workflows;

namespace Bodywork.Cli.Commands;

/// <summary>
/// <c>bodywork workflow --local PATH_OR_URL [BRANCH] [--python P] [--secret VAR=value ...]</c>: run a
/// project's DAG on this machine. The cluster form (<c>--namespace NS GIT_URL GIT_BRANCH</c>, the
/// original's) is added beside it: one more option and one more branch in <see cref="RunAsync"/>.
/// </summary>
public static class WorkflowCommand
{
    public static CliCommand Create() =>
        new CliCommand("workflow",
                "Run a Bodywork project's workflow: its DAG steps in order, the stages of a step in parallel. "
                + "With --local the stages run as processes on this machine. Exit code 0 when the workflow succeeded, "
                + "1 when it failed, 130 when interrupted.")
            .Positional(new CliPositional("git-repo-url",
                "Git repository URL, or with --local also a project folder or local repository path"))
            .Positional(new CliPositional("git-branch", "branch to run (default: the repository's default branch)") { Required = false })
            .Option(new CliOption("local", "run the stages as processes on this machine (no cluster)", CliOptionKind.Flag))
            .Option(new CliOption("python", "--local: Python interpreter for the stages (default: python3, else python)") { MetaVar = "PYTHON" })
            .Option(new CliOption("secret", "--local: values for the stages' [secrets] variables, e.g. --secret USERNAME=alex PASSWORD=alex123 "
                + "(else taken from the environment); put them after the positional arguments", CliOptionKind.Values) { MetaVar = "VAR=VALUE" })
            .Handle(RunAsync);

    private static Task<int> RunAsync(CliInvocation invocation)
    {
        if (invocation.Has("local"))
        {
            return LocalWorkflowCli.RunAsync(invocation);
        }

        // The cluster form goes here: if (invocation.Has("namespace")) return ClusterWorkflowCli.RunAsync(invocation);
        throw new CliUsageException(invocation.Command, "one of the arguments --local is required");
    }
}
