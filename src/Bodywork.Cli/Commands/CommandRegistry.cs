using Bodywork.Cli.Parsing;

namespace Bodywork.Cli.Commands;

/// <summary>
/// Every top-level command of <c>bodywork</c>. To add a command group, write a file in Commands/ with a
/// <c>public static CliCommand Create()</c> and add it here (order = order in <c>bodywork -h</c>).
/// </summary>
public static class CommandRegistry
{
    public static IReadOnlyList<Func<CliCommand>> Groups { get; } =
    [
        ValidateCommand.Create,
        WorkflowCommand.Create,
        SetupNamespaceCommand.Create,
        SecretCommand.Create,
        ServiceCommand.Create,
        CronJobCommand.Create,
    ];

    public static CliCommand BuildRoot()
    {
        var root = new CliCommand("bodywork", "Manage statistical (machine) learning model deployments on k8s.");
        foreach (var create in Groups)
        {
            root.Subcommand(create());
        }
        return root;
    }
}
