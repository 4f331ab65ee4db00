namespace Bodywork.Engine.Kubernetes.Auth.Exec;

using Bodywork.Engine.Kubernetes.Config;

/// <summary>Finds an exec plugin's executable as the OS would: PATH, and PATHEXT on Windows (az.cmd, kubelogin.exe).</summary>
internal static class ExecCommandResolver
{
    public static string? Resolve(string command, KubeConfigEnvironment environment)
    {
        var extensions = environment.IsWindows
            ? (environment.GetVariable("PATHEXT") ?? ".COM;.EXE;.BAT;.CMD").Split(';', StringSplitOptions.RemoveEmptyEntries)
            : [];

        if (Path.IsPathRooted(command))
        {
            return Candidate(command, extensions, environment.IsWindows);
        }

        var separator = environment.IsWindows ? ';' : ':';
        foreach (var directory in (environment.GetVariable("PATH") ?? "").Split(separator, StringSplitOptions.RemoveEmptyEntries))
        {
            var found = Candidate(Path.Combine(directory.Trim('"'), command), extensions, environment.IsWindows);
            if (found is not null)
            {
                return found;
            }
        }
        return null;
    }

    private static string? Candidate(string path, string[] extensions, bool isWindows)
    {
        if (isWindows)
        {
            if (Path.HasExtension(path) && File.Exists(path))
            {
                return path;
            }
            return extensions.Select(e => path + e).FirstOrDefault(File.Exists);
        }
        return File.Exists(path) && IsExecutable(path) ? path : null;
    }

    private static bool IsExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
