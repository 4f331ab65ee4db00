using System.ComponentModel;
using System.Diagnostics;

namespace Bodywork.Engine.Processes;

/// <summary>
/// Ends a process and everything it started. On Unix our stage processes lead their own process group
/// (see <see cref="PythonLauncher"/>), so one signal to the group also reaches grandchildren that
/// <c>Process.Kill(entireProcessTree)</c> cannot see (re-parented after a double fork).
/// </summary>
internal static class ProcessTree
{
    /// <summary>SIGKILL to the group, then <see cref="Process.Kill(bool)"/> on the tree; never throws.</summary>
    public static void Kill(Process process, bool isGroupLeader)
    {
        int pid;
        try
        {
            pid = process.Id;
        }
        catch (InvalidOperationException)
        {
            return; // never started
        }

        if (isGroupLeader)
        {
            NativeMethods.SignalGroup(pid, NativeMethods.SigKill);
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    /// <summary>
    /// Asks a process group to stop (SIGTERM), waits up to <paramref name="grace"/> for the leader to exit,
    /// then kills the group. For processes we did not start in this session (a recorded service).
    /// </summary>
    public static async Task StopAsync(int pid, DateTimeOffset? expectedStart, TimeSpan grace, CancellationToken cancellationToken)
    {
        using var process = TryOpen(pid, expectedStart);
        if (process is null)
        {
            return;
        }

        if (!NativeMethods.SignalGroup(pid, NativeMethods.SigTerm))
        {
            Kill(process, isGroupLeader: false);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Did not stop in time (or we are being cancelled): no more politeness.
        }

        // Also reaches children that outlived the leader.
        Kill(process, isGroupLeader: true);
    }

    /// <summary>The process with this id if it is still the one that started at <paramref name="expectedStart"/> (pid reuse guard).</summary>
    public static Process? TryOpen(int pid, DateTimeOffset? expectedStart)
    {
        Process process;
        try
        {
            process = Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return null;
        }

        try
        {
            if (process.HasExited)
            {
                process.Dispose();
                return null;
            }

            if (expectedStart is { } start && Math.Abs((process.StartTime.ToUniversalTime() - start.UtcDateTime).TotalSeconds) > 2)
            {
                process.Dispose();
                return null;
            }

            return process;
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            process.Dispose();
            return null;
        }
    }

    /// <summary>Start time of a running process in UTC, or null when it cannot be read.</summary>
    public static DateTimeOffset? StartTimeOf(Process process)
    {
        try
        {
            return new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            return null;
        }
    }
}
