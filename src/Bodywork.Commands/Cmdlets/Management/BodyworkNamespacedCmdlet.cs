using System.Management.Automation;
using Bodywork.Commands.Completion;
using Bodywork.Commands.Validation;

namespace Bodywork.Commands.Cmdlets.Management;

/// <summary>
/// A management cmdlet that acts inside one namespace. -Namespace is declared once, here, so it is
/// identical on every cmdlet (a surface test compares its metadata, compiler attributes included).
/// </summary>
public abstract class BodyworkNamespacedCmdlet : BodyworkManagementCmdlet
{
    /// <summary>The namespace; null means the kubeconfig context's namespace.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Ns")]
    [ValidateKubernetesName]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>The namespace to act on: -Namespace, else the kubeconfig context's.</summary>
    protected string TargetNamespace => ResolveNamespace(Namespace);
}
