using System.Diagnostics;

namespace Bodywork.Engine.Processes;

/// <summary>
/// Runs a command to completion with arguments as an argument list (never through a shell), captures
/// stdout/stderr line by line, and kills the whole tree when cancelled.
/// </summary>
internal static class ProcessRunner
{
    /// <summary>Runs <paramref name="startInfo"/>; redirection settings are forced on.</summary>
    /// <param name="onLine">Receives each output line (stdout and stderr) as it arrives; may be null.</param>
    /// <param name="ownProcessGroup">The process leads its own group (started through <see cref="PythonLauncher"/>).</param>
    /// <exception cref="OperationCanceledException">After the process tree was killed.</exception>
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo startInfo, Action<string>? onLine,
        CancellationToken cancellationToken, bool ownProcessGroup = false)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        startInfo.UseShellExecute = false;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.RedirectStandardInput = true;
        startInfo.CreateNoWindow = true;
        var stdout = new List<string>();
        var stderr = new List<string>();
        using var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outputDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errorDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        process.OutputDataReceived += (_, e) => Collect(e.Data, stdout, outputDone);
        process.ErrorDataReceived += (_, e) => Collect(e.Data, stderr, errorDone);
        cancellationToken.ThrowIfCancellationRequested();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // Wait for the process itself, not for EOF: a background child may keep the pipes open.
            await exited.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ProcessTree.Kill(process, ownProcessGroup);
            using var reap = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(reap.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // A process stuck in uninterruptible I/O: nothing more we can do.
            }

            throw;
        }

        if (ownProcessGroup)
        {
            // Children left behind by a finished stage would hold its pipes and outlive it: end them too.
            NativeMethods.SignalGroup(process.Id, NativeMethods.SigKill);
        }

        try
        {
            await Task.WhenAll(outputDone.Task, errorDone.Task).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A grandchild outside the group still holds the pipe: keep what we have.
        }

        process.WaitForExit(1000); // no-arg WaitForExit would also wait for the pipes

        lock (stdout)
        {
            lock (stderr)
            {
                return new ProcessResult(process.ExitCode, stdout.ToList(), stderr.ToList());
            }
        }

        void Collect(string? line, List<string> into, TaskCompletionSource done)
        {
            if (line is null)
            {
                done.TrySetResult();
                return;
            }

            lock (into)
            {
                into.Add(line);
            }

            onLine?.Invoke(line);
        }
    }
}
