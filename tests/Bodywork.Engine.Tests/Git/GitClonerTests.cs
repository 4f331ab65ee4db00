using Bodywork.Engine.Git;
using Bodywork.Engine.Tests.Support;
using Bodywork.Models.Errors;
using Xunit;

namespace Bodywork.Engine.Tests.Git;

/// <summary>GitCloner against real local repositories (and a fake git for SSH and cancellation).</summary>
public sealed class GitClonerTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _repo;
    private readonly string _mainCommit;
    private readonly string _featureCommit;

    public GitClonerTests()
    {
        _repo = _temp.Combine("repo");
        Directory.CreateDirectory(_repo);
        File.WriteAllText(Path.Combine(_repo, "README.md"), "main\n");
        _mainCommit = GitRepo.Init(_repo);
        GitRepo.Git(_repo, "checkout", "--quiet", "-b", "feature");
        File.WriteAllText(Path.Combine(_repo, "feature.txt"), "feature\n");
        _featureCommit = GitRepo.CommitAll(_repo, "feature");
        GitRepo.Git(_repo, "checkout", "--quiet", "main");
    }

    public void Dispose() => _temp.Dispose();

    private static Task<GitCloneResult> CloneAsync(GitCloneRequest request, GitCloner? cloner = null, CancellationToken cancellationToken = default) =>
        (cloner ?? new GitCloner()).CloneAsync(request, null, cancellationToken).WaitAsync(TimeSpan.FromSeconds(120), CancellationToken.None);

    [Fact]
    public async Task Clones_a_local_repository_at_a_branch_and_returns_its_commit()
    {
        var result = await CloneAsync(new GitCloneRequest { Url = _repo, Branch = "feature", Destination = _temp.Combine("out") });

        Assert.Equal("feature", result.Branch);
        Assert.Equal(_featureCommit, result.Commit);
        Assert.True(File.Exists(_temp.Combine("out", "feature.txt")));
    }

    [Fact]
    public async Task Without_a_branch_the_default_branch_is_cloned()
    {
        var result = await CloneAsync(new GitCloneRequest { Url = "file://" + _repo, Destination = _temp.Combine("out") });

        Assert.Equal("main", result.Branch);
        Assert.Equal(_mainCommit, result.Commit);
        Assert.False(File.Exists(_temp.Combine("out", "feature.txt")));
        // Shallow: only the commit that runs.
        Assert.Equal("1", GitRepo.Git(_temp.Combine("out"), "rev-list", "--count", "HEAD").Trim());
    }

    [Theory]
    [InlineData("main; rm -rf /")]
    [InlineData("$(touch PWNED)")]
    [InlineData("--upload-pack=touch PWNED")]
    [InlineData("-b")]
    public async Task A_branch_with_shell_or_option_syntax_is_just_a_missing_branch(string branch)
    {
        var sentinel = _temp.Combine("sentinel.txt");
        File.WriteAllText(sentinel, "still here");
        var destination = _temp.Combine("out");

        var error = await Assert.ThrowsAsync<BodyworkException>(() =>
            CloneAsync(new GitCloneRequest { Url = _repo, Branch = branch, Destination = destination }));

        Assert.Equal(BodyworkErrorIds.GitRepoUnavailable, error.ErrorId);
        Assert.Equal(BodyworkErrorCategory.ObjectNotFound, error.Category);
        Assert.Contains($"branch '{branch}' does not exist", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(sentinel));
        Assert.False(File.Exists(Path.Combine(destination, "PWNED")));
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "PWNED")));
    }

    [Fact]
    public async Task A_repository_that_does_not_exist_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<BodyworkException>(() =>
            CloneAsync(new GitCloneRequest { Url = "file:///no/such/repo", Destination = _temp.Combine("out") }));

        Assert.Equal(BodyworkErrorIds.GitRepoUnavailable, error.ErrorId);
        Assert.Equal(BodyworkErrorCategory.ResourceUnavailable, error.Category);
        Assert.StartsWith("git clone of file:///no/such/repo failed: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_in_a_URL_never_appear_in_the_error()
    {
        var error = await Assert.ThrowsAsync<BodyworkException>(() =>
            CloneAsync(new GitCloneRequest { Url = "https://user:s3cr3t-token@127.0.0.1:1/x.git", Destination = _temp.Combine("out") }));

        Assert.DoesNotContain("s3cr3t-token", error.Message, StringComparison.Ordinal);
        Assert.Contains("https://user:***@127.0.0.1:1/x.git", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_git_command_is_reported_as_not_installed()
    {
        var error = await Assert.ThrowsAsync<BodyworkException>(() =>
            CloneAsync(new GitCloneRequest { Url = _repo, Destination = _temp.Combine("out") }, new GitCloner("/no/such/git")));

        Assert.Equal(BodyworkErrorIds.GitNotInstalled, error.ErrorId);
    }

    [UnixFact]
    public async Task An_ssh_key_is_written_to_a_private_file_and_passed_through_GIT_SSH_COMMAND()
    {
        var report = _temp.Combine("report.txt");
        var fakeGit = FakeGit("""
            import os, shlex, stat, sys
            args = shlex.split(os.environ["GIT_SSH_COMMAND"])
            key = args[args.index("-i") + 1]
            with open(os.environ["FAKE_GIT_REPORT"], "w") as f:
                f.write(oct(stat.S_IMODE(os.stat(key).st_mode)) + "\n")
                f.write(open(key).read())
                f.write("ARGS " + " ".join(sys.argv[1:]) + "\n")
                f.write("SSH " + os.environ["GIT_SSH_COMMAND"] + "\n")
            sys.exit(128)
            """);
        Environment.SetEnvironmentVariable("FAKE_GIT_REPORT", report);

        await Assert.ThrowsAsync<BodyworkException>(() => CloneAsync(new GitCloneRequest
        {
            Url = "git@github.com:me/private.git",
            Branch = "main",
            Destination = _temp.Combine("out"),
            SshPrivateKey = "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----",
        }, new GitCloner(fakeGit)));

        var lines = File.ReadAllLines(report);
        Assert.Equal("0o600", lines[0]);
        Assert.Equal("-----BEGIN OPENSSH PRIVATE KEY-----", lines[1]);
        Assert.Equal("-----END OPENSSH PRIVATE KEY-----", lines[3]);
        Assert.Contains("-- git@github.com:me/private.git", lines[4], StringComparison.Ordinal);
        Assert.Contains("--branch=main", lines[4], StringComparison.Ordinal);
        Assert.Contains("StrictHostKeyChecking=accept-new", lines[5], StringComparison.Ordinal);
        // The key's temp folder is gone afterwards.
        var keyPath = lines[5].Split(" -i ")[1].Trim('\'');
        Assert.False(File.Exists(keyPath));
    }

    [UnixFact]
    public async Task Cancelling_kills_git_and_its_children()
    {
        var pidFile = _temp.Combine("child.pid");
        var fakeGit = _temp.Combine("slow-git.sh");
        File.WriteAllText(fakeGit, $"#!/bin/sh\nsleep 600 &\necho $! > '{pidFile}'\nwait\n");
        MakeExecutable(fakeGit);
        using var cancel = new CancellationTokenSource();

        var clone = CloneAsync(new GitCloneRequest { Url = _repo, Destination = _temp.Combine("out") }, new GitCloner(fakeGit), cancel.Token);
        Assert.True(await Wait.UntilAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0));
        var child = int.Parse(File.ReadAllText(pidFile).Trim());
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => clone);
        Assert.True(await Wait.UntilAsync(() => !Wait.IsAlive(child)), $"git's child {child} survived the cancellation");
    }

    [Theory]
    [InlineData("https://user:token@github.com/a/b.git", "https://user:***@github.com/a/b.git")]
    [InlineData("https://ghp_abc@github.com/a/b.git", "https://***@github.com/a/b.git")]
    [InlineData("https://github.com/a/b.git", "https://github.com/a/b.git")]
    [InlineData("git@github.com:a/b.git", "git@github.com:a/b.git")]
    public void Redact_removes_passwords_and_tokens(string url, string expected) => Assert.Equal(expected, GitUrls.Redact(url));

    [Theory]
    [InlineData("git@github.com:a/b.git", true)]
    [InlineData("ssh://git@gitlab.com/a/b.git", true)]
    [InlineData("https://github.com/a/b.git", false)]
    [InlineData("/home/me/repo", false)]
    [InlineData("file:///home/me/repo", false)]
    public void IsSsh_recognises_ssh_urls(string url, bool expected) => Assert.Equal(expected, GitUrls.IsSsh(url));

    private string FakeGit(string python)
    {
        var path = _temp.Combine("fake-git.py");
        File.WriteAllText(path, "#!/usr/bin/env python3\n" + string.Join('\n', python.Split('\n').Select(l => l.TrimEnd())));
        MakeExecutable(path);
        return path;
    }

    private static void MakeExecutable(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
