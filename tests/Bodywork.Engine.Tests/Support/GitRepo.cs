using System.Diagnostics;

namespace Bodywork.Engine.Tests.Support;

/// <summary>Turns a folder into a Git repository with commits and branches, using the git command.</summary>
public static class GitRepo
{
    /// <summary>git init on branch main, commit everything; returns the commit hash.</summary>
    public static string Init(string directory)
    {
        Git(directory, "init", "--quiet", "--initial-branch=main");
        return CommitAll(directory, "initial");
    }

    public static string CommitAll(string directory, string message)
    {
        Git(directory, "add", "--all");
        Git(directory, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "--quiet", "--allow-empty", "-m", message);
        return Git(directory, "rev-parse", "HEAD").Trim();
    }

    public static string Git(string directory, params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(true);
            throw new TimeoutException($"git {string.Join(' ', args)} did not finish");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {error.Result}");
        }

        return output.Result;
    }
}
