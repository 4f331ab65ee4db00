using Bodywork.Cli.Parsing;
using Bodywork.Cli.Workflows;

namespace Bodywork.Cli.Commands;

/// <summary>
/// <c>bodywork workflow --namespace NS GIT_URL GIT_BRANCH [--image IMG]</c> (the original's form: the stages
/// run on the cluster) or <c>bodywork workflow --local PATH_OR_URL [BRANCH] [--python P] [--secret VAR=value ...]</c>
/// (the stages run as processes on this machine).
/// </summary>
public static class WorkflowCommand
{
    public static CliCommand Create() =>
        new CliCommand("workflow",
                "Run a Bodywork project's workflow: its DAG steps in order, the stages of a step in parallel. "
                + "With --namespace the stages run as Jobs and Deployments in that namespace (set up with setup-namespace); "
                + "with --local they run as processes on this machine. Exit code 0 when the workflow succeeded, "
                + "1 when it failed, 130 when interrupted.")
            .Positional(new CliPositional("git-repo-url",
                "Git repository URL, or with --local also a project folder or local repository path"))
            .Positional(new CliPositional("git-branch", "branch to run (default: the repository's default branch)") { Required = false })
            .Option(CliOption.Namespace(required: false, help: "Kubernetes namespace to run the stages in (set up for Bodywork)"))
            .Option(new CliOption("image", "--namespace: image for every stage instead of the project's DOCKER_IMAGE")
                { Aliases = ["bodywork-docker-image"], MetaVar = "IMAGE" })
            .Option(new CliOption("kubeconfig", "--namespace: kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)") { MetaVar = "FILE" })
            .Option(new CliOption("context", "--namespace: kubeconfig context (default: the current context)") { MetaVar = "CONTEXT" })
            .Option(new CliOption("local", "run the stages as processes on this machine (no cluster)", CliOptionKind.Flag))
            .Option(new CliOption("python", "--local: Python interpreter for the stages (default: python3, else python)") { MetaVar = "PYTHON" })
            .Option(new CliOption("secret", "--local: values for the stages' [secrets] variables, e.g. --secret USERNAME=alex PASSWORD=alex123 "
                + "(else taken from the environment); put them after the positional arguments", CliOptionKind.Values) { MetaVar = "VAR=VALUE" })
            .Handle(RunAsync);

    private static Task<int> RunAsync(CliInvocation invocation)
    {
        if (invocation.Has("local") && invocation.Has("namespace"))
        {
            throw new CliUsageException(invocation.Command, "argument --local: not allowed with argument --namespace/--ns");
        }

        if (invocation.Has("local"))
        {
            return LocalWorkflowCli.RunAsync(invocation);
        }

        if (invocation.Has("namespace"))
        {
            return ClusterWorkflowCli.RunAsync(invocation);
        }

        throw new CliUsageException(invocation.Command, "one of the arguments --namespace/--ns --local is required");
    }
}
