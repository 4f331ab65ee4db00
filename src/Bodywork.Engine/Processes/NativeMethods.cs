using System.Runtime.InteropServices;

namespace Bodywork.Engine.Processes;

/// <summary>POSIX calls .NET does not expose: signals to a whole process group.</summary>
internal static class NativeMethods
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SysKill(int pid, int signal);

    /// <summary>Sends <paramref name="signal"/> to every process of the group led by <paramref name="groupLeader"/>.</summary>
    /// <returns>False when the group no longer exists (or this is not Unix).</returns>
    public static bool SignalGroup(int groupLeader, int signal)
    {
        if (OperatingSystem.IsWindows() || groupLeader <= 1)
        {
            return false;
        }

        try
        {
            return SysKill(-groupLeader, signal) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
