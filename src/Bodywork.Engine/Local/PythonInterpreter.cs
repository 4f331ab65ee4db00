using System.ComponentModel;
using System.Diagnostics;
using Bodywork.Engine.Processes;
using Bodywork.Models.Errors;

namespace Bodywork.Engine.Local;

/// <summary>Finds the Python interpreter stages run with and resolves it to a full path.</summary>
internal static class PythonInterpreter
{
    /// <summary>
    /// Resolves <paramref name="requested"/> (a name on PATH or a path), else <c>python3</c>, else <c>python</c>,
    /// to the interpreter's real executable (<c>sys.executable</c>, so version-manager shims are skipped).
    /// </summary>
    /// <exception cref="BodyworkException"><c>BodyworkPythonNotFound</c> when none can be run.</exception>
    public static async Task<string> ResolveAsync(string? requested, CancellationToken cancellationToken)
    {
        string[] candidates = requested is null ? ["python3", "python"] : [requested];
        var problems = new List<string>();
        foreach (var candidate in candidates)
        {
            var info = new ProcessStartInfo(candidate);
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("import sys; print(sys.executable); sys.exit(0 if sys.version_info >= (3, 6) else 3)");
            try
            {
                var result = await ProcessRunner.RunAsync(info, null, cancellationToken).ConfigureAwait(false);
                var path = result.StandardOutput.FirstOrDefault(l => l.Trim().Length > 0)?.Trim();
                if (result.ExitCode == 0 && path is not null && File.Exists(path))
                {
                    return path;
                }

                problems.Add(result.ExitCode == 3 ? $"'{candidate}' is older than Python 3.6" : $"'{candidate}' failed: {result.Tail(2)}");
            }
            catch (Win32Exception)
            {
                problems.Add($"'{candidate}' was not found");
            }
        }

        throw new BodyworkException(BodyworkErrorIds.PythonNotFound, BodyworkErrorCategory.NotInstalled,
            "cannot run the stages: no Python 3 interpreter (" + string.Join("; ", problems) + ")", requested,
            "Install Python 3 and put python3 (or python) on PATH, or name an interpreter with -Python / --python.");
    }
}
