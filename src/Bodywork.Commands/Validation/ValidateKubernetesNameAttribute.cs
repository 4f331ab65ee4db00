using System.Management.Automation;
using Bodywork.Engine.Validation;

namespace Bodywork.Commands.Validation;

/// <summary>
/// A literal Kubernetes object or namespace name (DNS-1123 label, or subdomain for secrets), checked
/// with the engine's rules before any call, so a typo is a parameter error and nothing is sent.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateKubernetesNameAttribute : ValidateArgumentsAttribute
{
    /// <summary>Allow dots (DNS-1123 subdomain), as Secret names do.</summary>
    public bool AllowDots { get; set; }

    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var text = arguments as string ?? arguments?.ToString();
        var problem = AllowDots ? KubernetesNames.ValidateDns1123Subdomain(text) : KubernetesNames.ValidateDns1123Label(text);
        if (problem is not null)
        {
            throw new ValidationMetadataException($"'{text}' is not a valid Kubernetes name: it {problem}.");
        }
    }
}
