using System.Diagnostics;

namespace Bodywork.Engine.Tests.Workflows.Kubernetes;

/// <summary>A throw-away Git repository (branch <c>main</c>) holding a project at its root, as stage pods clone it.</summary>
internal sealed class TestGitRepo : IDisposable
{
    private TestGitRepo(string path) => Path = path;

    public string Path { get; }

    /// <summary>Copies <paramref name="folder"/> into a new repository and commits it on <c>main</c>.</summary>
    public static TestGitRepo FromFolder(string folder)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bodywork-tests", "repo-" + Guid.NewGuid().ToString("N")[..10]);
        Copy(folder, path);
        var repo = new TestGitRepo(path);
        repo.Git("init", "--quiet", "--initial-branch=main");
        repo.Commit("initial");
        return repo;
    }

    /// <summary>The example project shipped in examples/.</summary>
    public static string ExampleProject(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(System.IO.Path.Combine(dir.FullName, "examples", name)))
        {
            dir = dir.Parent;
        }

        return dir is null ? throw new DirectoryNotFoundException($"examples/{name} not found above {AppContext.BaseDirectory}")
            : System.IO.Path.Combine(dir.FullName, "examples", name);
    }

    public void WriteFile(string relative, string text) => File.WriteAllText(System.IO.Path.Combine(Path, relative), text);

    public string ReadFile(string relative) => File.ReadAllText(System.IO.Path.Combine(Path, relative));

    /// <summary>Commits everything and returns the new commit hash.</summary>
    public string Commit(string message)
    {
        Git("add", "-A");
        Git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "--quiet", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    public string Git(params string[] args)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {error}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            if (System.IO.Path.GetFileName(directory) is not (".git" or "__pycache__"))
            {
                Copy(directory, System.IO.Path.Combine(to, System.IO.Path.GetFileName(directory)));
            }
        }
    }
}
