namespace Bodywork.Engine.Local;

/// <summary>What to run locally: a project folder or a Git repository, and how.</summary>
public sealed record LocalWorkflowRequest
{
    /// <summary>
    /// The CLI's rule for <c>PATH_OR_URL [BRANCH]</c>: an existing folder without a branch is copied as it is
    /// (uncommitted edits included); anything else, or any source with a branch, is cloned.
    /// </summary>
    public static LocalWorkflowRequest FromSource(string source, string? branch)
    {
        ArgumentNullException.ThrowIfNull(source);
        return branch is null && (Directory.Exists(source) || File.Exists(source))
            ? new LocalWorkflowRequest { Path = source }
            : new LocalWorkflowRequest { GitRepoUrl = source, Branch = branch };
    }

    /// <summary>A project folder (or its bodywork.ini) on disk. Exactly one of Path and GitRepoUrl.</summary>
    public string? Path { get; init; }
    /// <summary>A Git URL, <c>file://</c> URL or local repository path to clone.</summary>
    public string? GitRepoUrl { get; init; }
    /// <summary>Branch to clone; null: the repository's default branch. Only with GitRepoUrl.</summary>
    public string? Branch { get; init; }
    /// <summary>Private key text for SSH Git URLs (never logged).</summary>
    public string? SshPrivateKey { get; init; }
    /// <summary>Python interpreter (name on PATH or path); null: python3, else python.</summary>
    public string? Python { get; init; }
    /// <summary>Values for the stages' [secrets] variables (variable name → value); looked up before the process environment.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();
    /// <summary>Extra environment variables for every stage (not secret), e.g. BODYWORK_ARTIFACTS_DIR.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary>Extra arguments for <c>pip install</c> (e.g. <c>--index-url</c> of a mirror).</summary>
    public IReadOnlyList<string> PipArguments { get; init; } = [];
}
