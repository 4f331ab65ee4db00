using System.Text.RegularExpressions;
using Xunit;

namespace Bodywork.Surface.Tests.Scripts;

/// <summary>
/// What can be checked about the repository's PowerShell without pwsh: every file scans cleanly (balanced
/// brackets, closed strings and here-strings), and every Pester file loads TestHelpers.ps1 and calls only
/// commands that exist for it.
/// </summary>
public sealed partial class ScriptFileTests
{
    public static TheoryData<string> PowerShellFiles => [.. RepoScripts.PowerShellFiles()];

    public static TheoryData<string> PesterFiles => [.. RepoScripts.PesterFiles()];

    [Fact]
    public void The_repository_has_the_scripts_the_build_needs()
    {
        var files = RepoScripts.PowerShellFiles();
        Assert.Superset(
            new HashSet<string> { "build.ps1", "tools/install-tools.ps1", "tools/Invoke-PesterSuite.ps1", "PSScriptAnalyzerSettings.psd1",
                "Bodywork.psd1", "tests/Pester/TestHelpers.ps1", "tests/Pester/Module.Tests.ps1", "tests/Pester/Isolation.Tests.ps1" },
            files.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(PowerShellFiles))]
    public void Scans_without_unbalanced_brackets_or_open_strings(string file)
    {
        var errors = PowerShellScanner.Scan(RepoScripts.Read(file)).Errors;
        Assert.True(errors.Count == 0, $"{file}:\n  {string.Join("\n  ", errors)}");
    }

    [Theory]
    [MemberData(nameof(PesterFiles))]
    public void Pester_file_dot_sources_TestHelpers(string file)
    {
        var code = RepoScripts.Read(file);
        Assert.Matches(DotSourceHelpers(), code);
    }

    [Theory]
    [MemberData(nameof(PesterFiles))]
    public void Pester_file_calls_only_known_commands(string file)
    {
        var helpers = RepoScripts.DefinedFunctions(File.ReadAllText(RepoScripts.TestHelpersPath));
        var bodywork = RepoScripts.ManifestCmdlets().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ownFunctions = RepoScripts.DefinedFunctions(RepoScripts.Read(file));
        var unknown = RepoScripts.VerbNounWords(RepoScripts.Read(file))
            .Where(w => !helpers.Contains(w.Name) && !bodywork.Contains(w.Name) && !ownFunctions.Contains(w.Name)
                && !KnownCommands.Pester.Contains(w.Name) && !KnownCommands.BuiltIn.Contains(w.Name))
            .Select(w => $"{file}:{w.Line}: {w.Name}")
            .ToList();
        Assert.True(unknown.Count == 0,
            "Not a TestHelpers.ps1 function, a Bodywork.psd1 cmdlet, a Pester or a built-in command:\n  " + string.Join("\n  ", unknown));
    }

    [Fact]
    public void TestHelpers_defines_the_published_functions()
    {
        var helpers = RepoScripts.DefinedFunctions(File.ReadAllText(RepoScripts.TestHelpersPath));
        Assert.Superset(
            new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "Import-BodyworkTestModule", "Start-BodyworkFakeCluster", "Stop-BodyworkFakeCluster", "Get-BodyworkRepoRoot",
                "Copy-BodyworkExampleProject", "New-BodyworkExampleGitRepository", "Invoke-BodyworkChildSession",
            },
            helpers.ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void Start_BodyworkFakeCluster_passes_only_options_the_fake_server_accepts()
    {
        // The standalone server's argument parser (tests/FakeKubernetes/Program.cs) is the contract.
        var program = File.ReadAllText(Path.Combine(Infrastructure.SurfacePaths.RepoRoot, "tests", "FakeKubernetes", "Program.cs"));
        var accepted = CaseLabel().Matches(program).Select(m => m.Groups["option"].Value).ToHashSet(StringComparer.Ordinal);
        var helpersText = File.ReadAllText(RepoScripts.TestHelpersPath);
        var helpers = PowerShellScanner.Scan(helpersText);
        // The server's options follow dotnet run's '--' separator, plus the switches added one by one.
        var start = helpersText.IndexOf("'--',", StringComparison.Ordinal);
        Assert.True(start >= 0, "TestHelpers.ps1 no longer passes '--' to dotnet run");
        var end = helpersText.IndexOf("))", start, StringComparison.Ordinal);
        var passed = QuotedOption().Matches(helpersText[start..end]).Select(m => m.Groups["option"].Value)
            .Concat(AddedOption().Matches(helpersText).Select(m => m.Groups["option"].Value))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Empty(helpers.Errors);
        Assert.Superset(new HashSet<string> { "--kubeconfig", "--kubelet", "--tls", "--namespace" }, passed);
        Assert.Subset(accepted, passed);
        Assert.Contains("Console.WriteLine($\"Listening on {server.Url}\")", program, StringComparison.Ordinal);
        Assert.Contains("'^Listening on (?<url>\\S+)\\s*$'", File.ReadAllText(RepoScripts.TestHelpersPath), StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_check_catches_an_unknown_command()
    {
        var words = RepoScripts.VerbNounWords("It 'x' {\n  Start-BodyworkFakeClusterr -Tls | Should -BeTrue\n  'Not-Code' | Out-Null\n}\n").ToList();
        Assert.Equal(new[] { ("Start-BodyworkFakeClusterr", 2), ("Out-Null", 3) }, words);
    }

    [GeneratedRegex(@"\.\s+\(\s*Join-Path\s+\$PSScriptRoot\s+'TestHelpers\.ps1'\s*\)")]
    private static partial Regex DotSourceHelpers();

    [GeneratedRegex("""case "(?<option>--[a-z-]+)":""")]
    private static partial Regex CaseLabel();

    [GeneratedRegex("""'(?<option>--[a-z][a-z-]*)'""")]
    private static partial Regex QuotedOption();

    [GeneratedRegex("""ArgumentList\.Add\('(?<option>--[a-z][a-z-]*)'\)""")]
    private static partial Regex AddedOption();
}
