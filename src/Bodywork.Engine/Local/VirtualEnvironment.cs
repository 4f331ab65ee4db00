using System.Diagnostics;
using Bodywork.Engine.Processes;
using Bodywork.Models.Errors;
using Bodywork.Models.Projects;

namespace Bodywork.Engine.Local;

/// <summary>
/// The per-project virtual environment, made only when a stage has requirements: created with
/// <c>python -m venv</c> once per project and reused, then each stage's requirements.txt is installed
/// with pip (a no-op when already satisfied).
/// </summary>
internal static class VirtualEnvironment
{
    /// <summary>True when any stage lists at least one requirement (blank and comment lines do not count).</summary>
    public static bool IsNeeded(BodyworkProject project) => project.Stages.Any(s => RequirementsPath(s) is not null);

    /// <summary>The stage's requirements.txt when it names anything to install, else null.</summary>
    public static string? RequirementsPath(BodyworkStage stage)
    {
        if (stage.RequirementsFile is null)
        {
            return null;
        }

        var path = Path.Combine(stage.Directory, stage.RequirementsFile);
        return File.Exists(path) && File.ReadLines(path).Any(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')) ? path : null;
    }

    /// <summary>The interpreter inside the environment at <paramref name="directory"/>.</summary>
    public static string PythonIn(string directory) =>
        OperatingSystem.IsWindows() ? Path.Combine(directory, "Scripts", "python.exe") : Path.Combine(directory, "bin", "python");

    /// <summary>Creates (if needed) the environment and installs every stage's requirements; returns its interpreter.</summary>
    /// <exception cref="BodyworkException"><c>BodyworkRequirementsInstallFailed</c> naming the file and pip's last lines.</exception>
    public static async Task<string> PrepareAsync(BodyworkProject project, string python, string directory,
        IReadOnlyList<string> pipArguments, Action<string> onLine, CancellationToken cancellationToken)
    {
        var venvPython = PythonIn(directory);
        if (!File.Exists(venvPython))
        {
            onLine($"creating virtual environment {directory}");
            var create = new ProcessStartInfo(python);
            foreach (var arg in new[] { "-m", "venv", directory })
            {
                create.ArgumentList.Add(arg);
            }

            var created = await ProcessRunner.RunAsync(create, onLine, cancellationToken).ConfigureAwait(false);
            if (created.ExitCode != 0 || !File.Exists(venvPython))
            {
                throw new BodyworkException(BodyworkErrorIds.RequirementsInstallFailed, BodyworkErrorCategory.NotInstalled,
                    $"cannot create a virtual environment for project {project.Name} with {python}: {created.Tail()}", project.Name,
                    "Install the venv module (on Debian/Ubuntu: apt install python3-venv).");
            }
        }

        foreach (var stage in project.Stages)
        {
            if (RequirementsPath(stage) is not { } requirements)
            {
                continue;
            }

            onLine($"installing requirements of stage {stage.Name}");
            var install = new ProcessStartInfo(venvPython) { WorkingDirectory = stage.Directory };
            foreach (var arg in new[] { "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "-r", requirements }.Concat(pipArguments))
            {
                install.ArgumentList.Add(arg);
            }

            var result = await ProcessRunner.RunAsync(install, onLine, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new BodyworkException(BodyworkErrorIds.RequirementsInstallFailed, BodyworkErrorCategory.ResourceUnavailable,
                    $"cannot install the requirements of stage {stage.Name} ({stage.Name}/{stage.RequirementsFile}): pip exited with code {result.ExitCode}: {result.Tail(3)}",
                    stage.Name, "Check the package names and versions, and that a package index is reachable (pip's --index-url / PIP_INDEX_URL for a mirror).");
            }
        }

        return venvPython;
    }
}
