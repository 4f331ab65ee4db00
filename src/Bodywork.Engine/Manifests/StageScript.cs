namespace Bodywork.Engine.Manifests;

/// <summary>
/// The POSIX sh program every stage container runs (the original ran <c>bodywork stage URL BRANCH STAGE</c>
/// from its own image; ours needs only git, python and pip in the project's image). The text is constant:
/// every user value arrives in an environment variable and is only ever expanded inside double quotes, so
/// no repository URL, branch, stage or module name can become shell syntax.
/// </summary>
public static class StageScript
{
    /// <summary>Repository URL or path to clone.</summary>
    public const string RepoUrlVariable = "BODYWORK_GIT_URL";
    /// <summary>Branch to clone.</summary>
    public const string BranchVariable = "BODYWORK_GIT_BRANCH";
    /// <summary>Commit to check out (empty: the branch head).</summary>
    public const string CommitVariable = "BODYWORK_GIT_COMMIT";
    /// <summary>The stage directory, relative to the repository root.</summary>
    public const string StageDirectoryVariable = "BODYWORK_STAGE_DIR";
    /// <summary>EXECUTABLE_SCRIPT, relative to the stage directory.</summary>
    public const string ModuleVariable = "BODYWORK_STAGE_MODULE";
    /// <summary>requirements.txt relative to the stage directory; empty: nothing to install.</summary>
    public const string RequirementsVariable = "BODYWORK_STAGE_REQUIREMENTS";
    /// <summary>Private key for SSH repository URLs (optional secretKeyRef, spec §4.4).</summary>
    public const string SshKeyVariable = "BODYWORK_GITHUB_SSH_PRIVATE_KEY";
    /// <summary>The Secret holding <see cref="SshKeyVariable"/> (spec §0).</summary>
    public const string SshKeySecretName = "ssh-github-private-key";

    /// <summary>The script text (constant; no user values in it).</summary>
    public static string Text => StageScriptText.Value;

    /// <summary>The container command: <c>/bin/sh -c SCRIPT bodywork-stage</c>.</summary>
    public static IReadOnlyList<string> Command { get; } = ["/bin/sh", "-c", StageScriptText.Value, "bodywork-stage"];
}
