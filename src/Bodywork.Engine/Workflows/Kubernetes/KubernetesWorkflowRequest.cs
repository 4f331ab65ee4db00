namespace Bodywork.Engine.Workflows.Kubernetes;

/// <summary>What to run on a cluster (Invoke-BodyworkWorkflow -Namespace, <c>bodywork workflow --namespace</c>).</summary>
public sealed record KubernetesWorkflowRequest
{
    /// <summary>Namespace set up for Bodywork (New-BodyworkNamespace / <c>bodywork setup-namespace</c>).</summary>
    public required string Namespace { get; init; }

    /// <summary>
    /// Git URL (HTTPS, SSH, <c>file://</c>) or local repository path. The controller clones it to validate the
    /// project; the stage pods clone it again at the same commit, so it must be reachable from the pods too.
    /// </summary>
    public required string GitRepoUrl { get; init; }

    /// <summary>Branch; null: the repository's default branch.</summary>
    public string? Branch { get; init; }

    /// <summary>Image for every stage instead of the project's DOCKER_IMAGE; null: the project's.</summary>
    public string? Image { get; init; }

    /// <summary>
    /// Private key for SSH URLs; null: the key in the namespace's Secret <c>ssh-github-private-key</c>, else the
    /// BODYWORK_GITHUB_SSH_PRIVATE_KEY environment variable (how the in-cluster controller receives it).
    /// </summary>
    public string? SshPrivateKey { get; init; }
}
