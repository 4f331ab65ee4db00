using System.Diagnostics;

namespace Bodywork.Engine.Processes;

/// <summary>
/// Starts a Python script in a new session and process group on Unix (so Ctrl+C in the terminal reaches
/// only Bodywork, which then stops the stage deliberately, and so one signal reaches the stage's whole
/// tree), optionally with stdout/stderr appended to a log file (so a background service survives the
/// process that started it without writing into a closed pipe). A few lines of Python do this: the
/// interpreter is there anyway, and .NET cannot call setsid between fork and exec. The launcher then
/// exec()s the script, so the process id we get is the script's.
/// All values travel as arguments (argv), never through a shell.
/// </summary>
internal static class PythonLauncher
{
    // argv: [log file or "", python, args...]
    private const string UnixLauncher =
        "import os, sys\n"
        + "os.setsid()\n"
        + "log = sys.argv[1]\n"
        + "if log:\n"
        + "    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)\n"
        + "    os.dup2(fd, 1)\n"
        + "    os.dup2(fd, 2)\n"
        + "    os.close(fd)\n"
        + "    nul = os.open(os.devnull, os.O_RDONLY)\n"
        + "    os.dup2(nul, 0)\n"
        + "    os.close(nul)\n"
        + "os.execv(sys.argv[2], sys.argv[2:])\n";

    /// <summary>True where stage processes lead their own process group.</summary>
    public static bool UsesProcessGroups => !OperatingSystem.IsWindows();

    /// <summary>
    /// A start info that runs <c>python -u script args…</c> in <paramref name="workingDirectory"/>; on Unix
    /// through the launcher (new session, optional log file).
    /// </summary>
    /// <param name="python">Full path of the interpreter (the launcher exec()s it by path).</param>
    public static ProcessStartInfo Create(string python, string workingDirectory, string script, string? logFile,
        IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(python) { WorkingDirectory = workingDirectory, UseShellExecute = false };
        if (UsesProcessGroups)
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(UnixLauncher);
            info.ArgumentList.Add(logFile ?? "");
            info.ArgumentList.Add(python);
        }

        info.ArgumentList.Add("-u");
        info.ArgumentList.Add(script);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }
}
