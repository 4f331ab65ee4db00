namespace Bodywork.Engine.Git;

/// <summary>What to clone and how.</summary>
public sealed class GitCloneRequest
{
    /// <summary>HTTPS/SSH URL (<c>https://…</c>, <c>ssh://…</c>, <c>git@host:owner/repo.git</c>), <c>file://</c> URL or local path.</summary>
    public required string Url { get; init; }
    /// <summary>Branch (or tag) to clone; null: the remote's default branch (its HEAD).</summary>
    public string? Branch { get; init; }
    /// <summary>Folder to clone into; must not exist or be empty.</summary>
    public required string Destination { get; init; }
    /// <summary>Private key text for SSH URLs (e.g. from the secret <c>ssh-github-private-key</c>); never logged.</summary>
    public string? SshPrivateKey { get; init; }
    /// <summary>Private key file for SSH URLs, used when <see cref="SshPrivateKey"/> is null.</summary>
    public string? SshPrivateKeyFile { get; init; }
    /// <summary>Shallow clone depth; 1 by default (only the commit that runs).</summary>
    public int Depth { get; init; } = 1;
}
