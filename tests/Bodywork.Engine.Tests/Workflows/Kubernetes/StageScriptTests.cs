using System.Diagnostics;
using Bodywork.Engine.Manifests;
using Xunit;

namespace Bodywork.Engine.Tests.Workflows.Kubernetes;

/// <summary>The generated stage script, run with sh on this machine: values arrive as data, never as shell syntax.</summary>
public sealed class StageScriptTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "bodywork-tests", "script-" + Guid.NewGuid().ToString("N")[..10]);

    public StageScriptTests() => Directory.CreateDirectory(_scratch);

    [Fact]
    public void ClonesTheCommitInstallsNothingAndRunsTheModuleInTheStageFolder()
    {
        using var repo = NewRepo("print('cwd=' + __import__('os').getcwd())\n");
        var commit = repo.Git("rev-parse", "HEAD").Trim();
        repo.WriteFile("stage/main.py", "print('newer commit')\n");
        repo.Commit("newer");

        var (exit, output) = RunScript(repo.Path, "main", commit, "stage", "main.py");

        Assert.True(exit == 0, output);
        Assert.Contains("checking out commit " + commit, output, StringComparison.Ordinal);
        Assert.Matches(@"cwd=.*/repo/stage", output);
        Assert.DoesNotContain("newer commit", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ValuesFullOfShellSyntaxAreOnlyData()
    {
        using var repo = NewRepo("print('ran')\n");
        var marker = Path.Combine(_scratch, "pwned");
        var evil = $"$(touch {marker})`touch {marker}`;touch {marker}";

        var (branchExit, branchOutput) = RunScript(repo.Path, "main" + evil, "", "stage", "main.py");
        var (moduleExit, moduleOutput) = RunScript(repo.Path, "main", "", "stage", "main.py" + evil);
        var (commitExit, _) = RunScript(repo.Path, "main", evil, "stage", "main.py");

        Assert.NotEqual(0, branchExit);
        Assert.NotEqual(0, moduleExit);
        Assert.Equal(2, commitExit);
        Assert.DoesNotContain("ran", moduleOutput.Split('\n'));
        Assert.False(File.Exists(marker), branchOutput + moduleOutput);
    }

    [Fact]
    public void FailingModuleFailsTheScriptWithItsExitCode()
    {
        using var repo = NewRepo("import sys\nprint('boom')\nsys.exit(3)\n");

        var (exit, output) = RunScript(repo.Path, "main", "", "stage", "main.py");

        Assert.Equal(3, exit);
        Assert.Contains("boom", output, StringComparison.Ordinal);
    }

    private TestGitRepo NewRepo(string module)
    {
        var folder = Path.Combine(_scratch, "src-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(Path.Combine(folder, "stage"));
        File.WriteAllText(Path.Combine(folder, "stage", "main.py"), module);
        return TestGitRepo.FromFolder(folder);
    }

    private (int Exit, string Output) RunScript(string url, string branch, string commit, string stageDir, string module)
    {
        var command = StageScript.Command;
        var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _scratch };
        foreach (var arg in command.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["TMPDIR"] = _scratch;
        info.Environment[StageScript.RepoUrlVariable] = url;
        info.Environment[StageScript.BranchVariable] = branch;
        info.Environment[StageScript.CommitVariable] = commit;
        info.Environment[StageScript.StageDirectoryVariable] = stageDir;
        info.Environment[StageScript.ModuleVariable] = module;
        info.Environment[StageScript.RequirementsVariable] = "";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)), "the script did not finish");
        return (process.ExitCode, stdout + stderr.Result);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
