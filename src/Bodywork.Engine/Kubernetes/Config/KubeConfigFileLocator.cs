namespace Bodywork.Engine.Kubernetes.Config;

/// <summary>Which kubeconfig files to read, in kubectl's order of precedence.</summary>
internal static class KubeConfigFileLocator
{
    /// <summary>The files to merge (existing ones only) and a phrase saying where they came from, for messages.</summary>
    public static (IReadOnlyList<string> Files, string Origin) Locate(KubernetesConnectionOptions options, KubeConfigEnvironment environment)
    {
        var cwd = environment.CurrentDirectory ?? Directory.GetCurrentDirectory();
        if (!string.IsNullOrEmpty(options.KubeConfigPath))
        {
            // An explicit file is the only one read, and it must exist.
            var path = Path.GetFullPath(options.KubeConfigPath, cwd);
            if (!File.Exists(path))
            {
                throw KubeConfigErrors.NotFound($"The kubeconfig file '{path}' does not exist.", path);
            }
            return ([path], $"the kubeconfig file '{path}'");
        }

        var variable = environment.GetVariable("KUBECONFIG");
        if (!string.IsNullOrEmpty(variable))
        {
            var separator = environment.IsWindows ? ';' : ':';
            var entries = variable.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(entry => Path.GetFullPath(entry, cwd))
                .Distinct(environment.IsWindows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)
                .ToList();
            // kubectl skips missing entries silently: one KUBECONFIG often lists files for clusters not set up here.
            return (entries.Where(File.Exists).ToList(), $"KUBECONFIG ({string.Join(separator, entries)})");
        }

        var home = HomeDirectory(environment);
        if (home is not null)
        {
            var path = Path.Combine(home, ".kube", "config");
            return (File.Exists(path) ? [path] : [], $"the default kubeconfig '{path}'");
        }
        return ([], "the default kubeconfig (no home directory is set)");
    }

    /// <summary>$HOME on Unix; on Windows the first of HOME, HOMEDRIVE+HOMEPATH, USERPROFILE holding .kube\config, else the first that exists.</summary>
    public static string? HomeDirectory(KubeConfigEnvironment environment)
    {
        if (environment.HomeDirectory is not null)
        {
            return environment.HomeDirectory;
        }
        if (!environment.IsWindows)
        {
            var home = environment.GetVariable("HOME");
            return string.IsNullOrEmpty(home) ? null : home;
        }

        var homeVar = environment.GetVariable("HOME");
        var drivePath = environment.GetVariable("HOMEDRIVE") is { Length: > 0 } drive && environment.GetVariable("HOMEPATH") is { Length: > 0 } homePath
            ? drive + homePath
            : null;
        var profile = environment.GetVariable("USERPROFILE");

        string?[] withConfigOrder = [homeVar, drivePath, profile];
        foreach (var candidate in withConfigOrder)
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(Path.Combine(candidate, ".kube", "config")))
            {
                return candidate;
            }
        }
        string?[] existingOrder = [homeVar, profile, drivePath];
        return existingOrder.FirstOrDefault(c => !string.IsNullOrEmpty(c) && Directory.Exists(c));
    }
}
