using Bodywork.Models.Errors;

namespace Bodywork.Engine.Kubernetes.Config;

/// <summary>Builds the loader's errors so every one names the file, line and key (never a value that may be secret).</summary>
internal static class KubeConfigErrors
{
    private const string FixAction = "Fix the kubeconfig file, or choose another one with -KubeConfig / --kubeconfig or KUBECONFIG.";

    public static BodyworkException Invalid(string file, int? line, string? key, string message, Exception? inner = null)
    {
        var where = line is null ? $"kubeconfig '{file}'" : $"kubeconfig '{file}' line {line}";
        var what = key is null ? "" : $" key '{key}'";
        return new BodyworkException(BodyworkErrorIds.KubeConfigInvalid, BodyworkErrorCategory.InvalidData,
            $"{where}{what}: {message}", file, FixAction, inner);
    }

    public static BodyworkException NotFound(string message, object? target) =>
        new(BodyworkErrorIds.KubeConfigNotFound, BodyworkErrorCategory.ObjectNotFound, message, target,
            "Pass -KubeConfig / --kubeconfig, set KUBECONFIG, or create ~/.kube/config (for example with your cloud's 'get-credentials' command).");

    public static BodyworkException Unusable(string message, object? target) =>
        new(BodyworkErrorIds.KubeConfigInvalid, BodyworkErrorCategory.InvalidData, message, target, FixAction);
}
