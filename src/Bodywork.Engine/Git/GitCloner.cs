using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Bodywork.Engine.Processes;
using Bodywork.Models.Errors;

namespace Bodywork.Engine.Git;

/// <summary>
/// Shallow clones with the <c>git</c> command: HTTPS, SSH (a private key given as text or file, a temporary
/// known_hosts with StrictHostKeyChecking=accept-new), <c>file://</c> URLs and local paths. The URL and
/// branch are process arguments after <c>--</c> / in <c>--branch=</c>, never shell text, so a branch like
/// <c>main; rm -rf /</c> is just a branch that does not exist. Cancelling kills git and its children.
/// </summary>
public sealed class GitCloner
{
    private readonly string _git;

    /// <param name="gitExecutable">The git command (looked up on PATH unless a path).</param>
    public GitCloner(string gitExecutable = "git") => _git = gitExecutable;

    /// <summary>Clones <see cref="GitCloneRequest.Url"/> and returns the branch and commit hash checked out.</summary>
    /// <param name="output">Receives git's progress/error lines (credentials redacted); may be null.</param>
    /// <exception cref="BodyworkException">
    /// <c>BodyworkGitRepoUnavailable</c> (ObjectNotFound) for a missing branch, (ResourceUnavailable) for any
    /// other clone failure; <c>BodyworkGitNotInstalled</c> when git cannot be run; <c>BodyworkInvalidArgument</c>
    /// for an empty URL/branch or one containing control characters.
    /// </exception>
    public async Task<GitCloneResult> CloneAsync(GitCloneRequest request, Action<string>? output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckArgument(request.Url, "repository URL");
        if (request.Branch is not null)
        {
            CheckArgument(request.Branch, "branch");
        }

        var shownUrl = GitUrls.Redact(request.Url);
        var destination = Path.GetFullPath(request.Destination);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        string? sshDirectory = null;
        try
        {
            var clone = NewGit(null);
            if (GitUrls.IsSsh(request.Url))
            {
                sshDirectory = await PrepareSshAsync(clone, request, cancellationToken).ConfigureAwait(false);
            }

            clone.ArgumentList.Add("clone");
            clone.ArgumentList.Add("--single-branch");
            clone.ArgumentList.Add("--no-tags");
            if (request.Depth > 0)
            {
                clone.ArgumentList.Add($"--depth={request.Depth}");
            }

            if (request.Branch is not null)
            {
                // One argument: a value starting with '-' cannot become an option.
                clone.ArgumentList.Add($"--branch={request.Branch}");
            }

            clone.ArgumentList.Add("--");
            clone.ArgumentList.Add(LocalPathForGit(request.Url));
            clone.ArgumentList.Add(destination);
            var result = await RunGitAsync(clone, line => output?.Invoke(RedactLine(line, request.Url, shownUrl)), cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw CloneFailure(request, shownUrl, RedactLine(result.Tail(), request.Url, shownUrl));
            }

            var commit = (await GitOutputAsync(destination, cancellationToken, "rev-parse", "HEAD").ConfigureAwait(false)).Trim();
            var branch = request.Branch;
            if (branch is null)
            {
                var head = (await GitOutputAsync(destination, cancellationToken, "rev-parse", "--abbrev-ref", "HEAD").ConfigureAwait(false)).Trim();
                branch = head.Length > 0 && head != "HEAD" ? head : "HEAD";
            }

            return new GitCloneResult(destination, branch, commit);
        }
        finally
        {
            if (sshDirectory is not null)
            {
                TryDelete(sshDirectory);
            }
        }
    }

    /// <summary>The commit checked out in <paramref name="directory"/>, or null when it is not inside a Git work tree.</summary>
    public async Task<string?> TryGetCommitAsync(string directory, CancellationToken cancellationToken)
    {
        try
        {
            var info = NewGit(directory);
            info.ArgumentList.Add("rev-parse");
            info.ArgumentList.Add("HEAD");
            var result = await RunGitAsync(info, null, cancellationToken).ConfigureAwait(false);
            return result.ExitCode == 0 && result.StandardOutput.Count > 0 ? result.StandardOutput[0].Trim() : null;
        }
        catch (BodyworkException)
        {
            return null;
        }
    }

    private ProcessStartInfo NewGit(string? workingDirectory)
    {
        var info = new ProcessStartInfo(_git);
        if (workingDirectory is not null)
        {
            info.ArgumentList.Add("-C");
            info.ArgumentList.Add(workingDirectory);
        }

        // Never wait for a password prompt, and keep messages in English so failures can be recognised.
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["GCM_INTERACTIVE"] = "never";
        info.Environment["LC_ALL"] = "C";
        info.Environment["LANGUAGE"] = "C";
        return info;
    }

    private async Task<string> GitOutputAsync(string directory, CancellationToken cancellationToken, params string[] args)
    {
        var info = NewGit(directory);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var result = await RunGitAsync(info, null, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new BodyworkException(BodyworkErrorIds.GitRepoUnavailable, BodyworkErrorCategory.ResourceUnavailable,
                $"git {string.Join(' ', args)} failed in {directory}: {result.Tail()}", directory);
        }

        return result.StandardOutput.Count > 0 ? result.StandardOutput[0] : "";
    }

    private async Task<ProcessResult> RunGitAsync(ProcessStartInfo info, Action<string>? onLine, CancellationToken cancellationToken)
    {
        try
        {
            return await ProcessRunner.RunAsync(info, onLine, cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception ex)
        {
            throw new BodyworkException(BodyworkErrorIds.GitNotInstalled, BodyworkErrorCategory.NotInstalled,
                $"cannot run '{_git}': {ex.Message}", _git, "Install Git and make sure 'git' is on PATH.", ex);
        }
    }

    private static async Task<string> PrepareSshAsync(ProcessStartInfo clone, GitCloneRequest request, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "bodywork-ssh-" + Guid.NewGuid().ToString("N")[..12]);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var knownHosts = Path.Combine(directory, "known_hosts");
        await File.WriteAllTextAsync(knownHosts, "", cancellationToken).ConfigureAwait(false);
        var command = new StringBuilder("ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=")
            .Append(SshQuote(knownHosts));
        var key = request.SshPrivateKey;
        if (key is null && request.SshPrivateKeyFile is not null)
        {
            key = await File.ReadAllTextAsync(request.SshPrivateKeyFile, cancellationToken).ConfigureAwait(false);
        }

        if (key is not null)
        {
            var keyFile = Path.Combine(directory, "id_key");
            // ssh refuses keys readable by others and keys without a final newline.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using (var stream = new FileStream(keyFile, options))
            await using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
            {
                await writer.WriteAsync(key.ReplaceLineEndings("\n").TrimEnd('\n') + "\n").ConfigureAwait(false);
            }

            command.Append(" -o IdentitiesOnly=yes -i ").Append(SshQuote(keyFile));
        }

        // GIT_SSH_COMMAND is shell text, so only our own temp paths go into it, quoted; no user value does.
        clone.Environment["GIT_SSH_COMMAND"] = command.ToString();
        return directory;
    }

    private static string SshQuote(string path) =>
        OperatingSystem.IsWindows() ? "\"" + path.Replace('\\', '/') + "\"" : "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Local paths are given to git as absolute paths (git resolves relative ones against its own CWD).</summary>
    private static string LocalPathForGit(string url) =>
        !url.Contains("://", StringComparison.Ordinal) && !GitUrls.IsSsh(url) && Directory.Exists(url) ? Path.GetFullPath(url) : url;

    private static BodyworkException CloneFailure(GitCloneRequest request, string shownUrl, string gitError)
    {
        var missingBranch = request.Branch is not null
            && (gitError.Contains("not found in upstream", StringComparison.OrdinalIgnoreCase)
                || gitError.Contains("Could not find remote branch", StringComparison.OrdinalIgnoreCase));
        return missingBranch
            ? new BodyworkException(BodyworkErrorIds.GitRepoUnavailable, BodyworkErrorCategory.ObjectNotFound,
                $"branch '{request.Branch}' does not exist in the Git repository {shownUrl}", request.Branch,
                "Check the branch name (git ls-remote --heads <url> lists them), or leave it out to use the default branch.")
            : new BodyworkException(BodyworkErrorIds.GitRepoUnavailable, BodyworkErrorCategory.ResourceUnavailable,
                $"git clone of {shownUrl} failed: {gitError}", shownUrl,
                "Check the URL and your access to the repository (for SSH, the private key).");
    }

    private static string RedactLine(string line, string url, string shownUrl) =>
        url == shownUrl ? line : line.Replace(url, shownUrl, StringComparison.Ordinal);

    private static void CheckArgument(string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Any(char.IsControl))
        {
            throw new BodyworkException(BodyworkErrorIds.InvalidArgument, BodyworkErrorCategory.InvalidArgument,
                $"the {what} is empty or contains control characters", null);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Temp folder; the key file in it is 0600.
        }
    }
}
