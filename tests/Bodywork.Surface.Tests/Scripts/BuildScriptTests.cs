using System.Text.RegularExpressions;
using Bodywork.Surface.Tests.Infrastructure;
using Bodywork.Surface.Tests.Manifest;
using Xunit;

namespace Bodywork.Surface.Tests.Scripts;

/// <summary>
/// build.ps1, tools/install-tools.ps1 and PSScriptAnalyzerSettings.psd1 against the repository: the tasks
/// exist, the paths they use exist, and the tools they need are the ones that get installed.
/// </summary>
public sealed partial class BuildScriptTests
{
    private static readonly string BuildScript = File.ReadAllText(RepoScripts.BuildScriptPath);
    private static readonly string InstallTools = File.ReadAllText(Path.Combine(SurfacePaths.RepoRoot, "tools", "install-tools.ps1"));
    private static readonly string ModuleProject = File.ReadAllText(Path.Combine(SurfacePaths.RepoRoot, "build", "Module.proj"));

    /// <summary>The values of build.ps1's -Task ValidateSet.</summary>
    internal static IReadOnlyList<string> Tasks()
    {
        var match = TaskParameter().Match(BuildScript);
        Assert.True(match.Success, "build.ps1 has no [ValidateSet(...)] [string[]] $Task parameter");
        return SingleQuoted().Matches(match.Groups["values"].Value).Select(m => m.Groups["value"].Value).ToList();
    }

    [Fact]
    public void Offers_the_documented_tasks_each_with_a_function()
    {
        var tasks = Tasks();
        Assert.Superset(new HashSet<string> { "Build", "Test", "Help", "Package", "All" }, tasks.ToHashSet());
        var functions = RepoScripts.DefinedFunctions(BuildScript);
        Assert.All(tasks.Where(t => t != "All"), t => Assert.Contains($"Invoke-{t}Task", functions));
    }

    [Fact]
    public void Paths_under_the_repository_root_exist()
    {
        var paths = RepoPath().Matches(BuildScript)
            .Select(m => new
            {
                Variable = m.Groups["variable"].Value,
                Path = string.Join('/', SingleQuoted().Matches(m.Groups["parts"].Value).Select(p => p.Groups["value"].Value)),
            })
            .ToList();

        Assert.Superset(
            new HashSet<string> { "build/Module.proj", "tests/Pester", "docs/en-US", "Bodywork.sln", "PSScriptAnalyzerSettings.psd1", "tools/Invoke-PesterSuite.ps1" },
            paths.Select(p => p.Path).ToHashSet());
        Assert.All(paths.Where(p => !p.Path.StartsWith("out", StringComparison.Ordinal)), p =>
            Assert.True(File.Exists(Path.Combine(SurfacePaths.RepoRoot, p.Path)) || Directory.Exists(Path.Combine(SurfacePaths.RepoRoot, p.Path)),
                $"${p.Variable} = {p.Path} does not exist"));
    }

    [Fact]
    public void Help_goes_where_the_Layout_target_picks_it_up()
    {
        // build.ps1 writes the MAML into out/help/en-US; build/Module.proj copies that folder into out/Bodywork/en-US.
        Assert.Matches(@"\$HelpDir = Join-Path \$OutDir 'help' 'en-US'", BuildScript);
        Assert.Matches(@"\$OutDir = Join-Path \$RepoRoot 'out'", BuildScript);
        Assert.Contains("<HelpSource>$(RepoRoot)/out/help/en-US</HelpSource>", ModuleProject, StringComparison.Ordinal);
        Assert.Contains("$(HelpSource)/*.xml;$(HelpSource)/about_*.help.txt", ModuleProject, StringComparison.Ordinal);

        // The MAML file name build.ps1 insists on is the one every help page declares.
        var helpFile = Regex.Match(BuildScript, @"\$HelpFileName = '(?<name>[^']+)'").Groups["name"].Value;
        Assert.Equal("Bodywork.Commands.dll-Help.xml", helpFile);
        var pages = Directory.GetFiles(Path.Combine(SurfacePaths.RepoRoot, "docs", "en-US"), "*.md")
            .Where(p => !Path.GetFileName(p).StartsWith("about_", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(pages);
        Assert.All(pages, p => Assert.Contains($"external help file: {helpFile}", File.ReadAllText(p), StringComparison.Ordinal));
    }

    [Fact]
    public void Every_tool_build_ps1_needs_is_installed_at_a_pinned_version()
    {
        var pinned = ToolPin().Matches(InstallTools).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["version"].Value);
        Assert.Equal(["Microsoft.PowerShell.PlatyPS", "PSScriptAnalyzer", "Pester"], pinned.Keys.Order(StringComparer.Ordinal));
        Assert.All(pinned.Values, v => Assert.Matches(@"^\d+\.\d+\.\d+$", v));
        Assert.All(pinned.Keys, name => Assert.Contains($"'{name}'", BuildScript, StringComparison.Ordinal));
        Assert.Contains("Install-PSResource", InstallTools, StringComparison.Ordinal);

        // PlatyPS 1.x cmdlets, because docs/en-US is in its schema (0.14's New-ExternalHelp cannot read it).
        Assert.True(new Version(pinned["Microsoft.PowerShell.PlatyPS"]) >= new Version(1, 0));
        foreach (var cmdlet in new[] { "Measure-PlatyPSMarkdown", "Import-MarkdownCommandHelp", "Export-MamlCommandHelp" })
        {
            Assert.Contains(cmdlet, BuildScript, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("New-ExternalHelp", PowerShellScanner.Scan(BuildScript).Code, StringComparison.Ordinal);
    }

    [Fact]
    public void Stops_on_errors_and_checks_native_exit_codes()
    {
        var code = PowerShellScanner.Scan(BuildScript).Code;
        Assert.Contains("Set-StrictMode -Version", code, StringComparison.Ordinal);
        Assert.Contains("$ErrorActionPreference = ", code, StringComparison.Ordinal);
        Assert.Contains("if ($LASTEXITCODE -ne 0)", code, StringComparison.Ordinal);
        // Native tools run only through Invoke-Native, which checks $LASTEXITCODE.
        var direct = Regex.Matches(code, @"(?m)^\s*&?\s*(dotnet|pwsh|git)\s").Select(m => m.Value.Trim()).ToList();
        Assert.Empty(direct);
    }

    [Fact]
    public void Analyzer_settings_are_a_readable_data_file()
    {
        var settings = Psd1Reader.ReadHashtable(File.ReadAllText(Path.Combine(SurfacePaths.RepoRoot, "PSScriptAnalyzerSettings.psd1")));
        var severity = ((List<object?>)settings["Severity"]!).Cast<string>().ToList();
        Assert.Contains("Error", severity);
        Assert.Contains("Warning", severity);
        var rules = (Dictionary<string, object?>)settings["Rules"]!;
        Assert.NotEmpty(rules);
        Assert.All(rules.Keys, k => Assert.StartsWith("PS", k, StringComparison.Ordinal));
        Assert.All(((List<object?>)settings["ExcludeRules"]!).Cast<string>(), r => Assert.StartsWith("PS", r, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\[ValidateSet\((?<values>[^)]*)\)\]\s*\[string\[\]\]\s*\$Task\b")]
    private static partial Regex TaskParameter();

    [GeneratedRegex(@"'(?<value>[^']*)'")]
    private static partial Regex SingleQuoted();

    [GeneratedRegex(@"(?m)^\$(?<variable>\w+) = Join-Path \$RepoRoot (?<parts>(?:'[^']*'\s*)+)$")]
    private static partial Regex RepoPath();

    [GeneratedRegex(@"(?m)^\s*'(?<name>[\w.]+)'\s*=\s*'(?<version>[^']+)'")]
    private static partial Regex ToolPin();
}
