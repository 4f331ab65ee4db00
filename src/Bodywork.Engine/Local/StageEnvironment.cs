using System.Globalization;
using Bodywork.Engine.Git;
using Bodywork.Engine.Workflows;
using Bodywork.Models.Projects;

namespace Bodywork.Engine.Local;

/// <summary>
/// The environment a local stage process gets on top of the inherited one: the stage's secrets, the
/// BODYWORK_* information variables, PORT for services, the virtual environment, and unbuffered output
/// so lines stream live.
/// </summary>
internal static class StageEnvironment
{
    public static Dictionary<string, string> Build(WorkflowExecutionContext run, BodyworkStage stage, int attempt,
        IReadOnlyDictionary<string, string> extra, IReadOnlyDictionary<string, string> secrets, string? virtualEnvironment)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in extra)
        {
            env[name] = value;
        }

        env["PYTHONUNBUFFERED"] = "1";
        env["PYTHONIOENCODING"] = "utf-8";
        env["BODYWORK_PROJECT"] = run.Project.Name;
        env["BODYWORK_STAGE"] = stage.Name;
        env["BODYWORK_STAGE_TYPE"] = stage.Kind == StageKind.Batch ? "batch" : "service";
        env["BODYWORK_RUN_ID"] = run.RunId;
        env["BODYWORK_ATTEMPT"] = attempt.ToString(CultureInfo.InvariantCulture);
        env["BODYWORK_RUNTIME"] = "local";
        env["BODYWORK_PROJECT_DIR"] = run.Project.Path;
        env["BODYWORK_GIT_URL"] = GitUrls.Redact(run.Source);
        if (run.Branch is not null)
        {
            env["BODYWORK_GIT_BRANCH"] = run.Branch;
        }

        if (run.Commit is not null)
        {
            // GIT_COMMIT_HASH is what Bodywork 2.x gave stages.
            env["BODYWORK_GIT_COMMIT"] = run.Commit;
            env["GIT_COMMIT_HASH"] = run.Commit;
        }

        if (stage.Port is int port && stage.Kind == StageKind.Service)
        {
            env["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        }

        if (virtualEnvironment is not null)
        {
            env["VIRTUAL_ENV"] = virtualEnvironment;
            var bin = Path.GetDirectoryName(VirtualEnvironment.PythonIn(virtualEnvironment))!;
            env["PATH"] = bin + Path.PathSeparator + (Environment.GetEnvironmentVariable("PATH") ?? "");
        }

        foreach (var secret in stage.Secrets)
        {
            env[secret.EnvironmentVariable] = secrets[secret.EnvironmentVariable];
        }

        return env;
    }
}
