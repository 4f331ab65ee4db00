using System.Management.Automation;

namespace Bodywork.Commands.Validation;

/// <summary>
/// Rejects path arguments that cannot name anything on disk (empty, blank, NUL characters) before
/// the cmdlet resolves them with GetUnresolvedProviderPathFromPSPath, which would give an unclear error.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidatePathTextAttribute : ValidateArgumentsAttribute
{
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var text = arguments as string ?? arguments?.ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ValidationMetadataException("The path is empty. Pass a folder or a bodywork.ini file, such as '.'.");
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ValidationMetadataException($"The path '{text.Replace('\0', '?')}' contains a NUL character.");
        }
    }
}
