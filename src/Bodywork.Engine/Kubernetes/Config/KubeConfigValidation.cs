using Bodywork.Engine.Validation;
using Bodywork.Models.Errors;

namespace Bodywork.Engine.Kubernetes.Config;

internal static class KubeConfigValidation
{
    /// <summary>A namespace must be a DNS-1123 label whichever way it was chosen.</summary>
    public static void CheckNamespace(string ns, string origin, KubeConfigSource? source)
    {
        var problem = KubernetesNames.ValidateDns1123Label(ns);
        if (problem is null)
        {
            return;
        }
        if (source is { } s)
        {
            throw KubeConfigErrors.Invalid(s.File, s.Line, origin, $"namespace '{ns}' {problem}");
        }
        throw new BodyworkException(BodyworkErrorIds.InvalidArgument, BodyworkErrorCategory.InvalidArgument,
            $"The namespace '{ns}' from {origin} {problem}.", ns);
    }
}
