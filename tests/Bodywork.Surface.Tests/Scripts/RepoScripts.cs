using System.Text.RegularExpressions;
using Bodywork.Surface.Tests.Infrastructure;

namespace Bodywork.Surface.Tests.Scripts;

/// <summary>The repository's PowerShell files and the facts the script tests share about them.</summary>
internal static partial class RepoScripts
{
    private static readonly string[] SkippedFolders = ["bin", "obj", "out", ".git", "TestResults", "node_modules"];

    public static string PesterDirectory { get; } = Path.Combine(SurfacePaths.RepoRoot, "tests", "Pester");
    public static string TestHelpersPath { get; } = Path.Combine(PesterDirectory, "TestHelpers.ps1");
    public static string BuildScriptPath { get; } = Path.Combine(SurfacePaths.RepoRoot, "build.ps1");

    /// <summary>Every *.ps1 and *.psd1 outside build output, as paths relative to the repository root.</summary>
    public static IReadOnlyList<string> PowerShellFiles()
    {
        var root = SurfacePaths.RepoRoot;
        return Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(part => SkippedFolders.Contains(part, StringComparer.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static IReadOnlyList<string> PesterFiles() =>
        Directory.EnumerateFiles(PesterDirectory, "*.Tests.ps1", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(SurfacePaths.RepoRoot, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(SurfacePaths.RepoRoot, relativePath));

    /// <summary>Names after the 'function' keyword (outside strings and comments).</summary>
    public static IReadOnlySet<string> DefinedFunctions(string text) =>
        FunctionDefinition().Matches(PowerShellScanner.Scan(text).Code)
            .Select(m => m.Groups["name"].Value)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Verb-Noun words in code (strings and comments blanked), with their line numbers.</summary>
    public static IEnumerable<(string Name, int Line)> VerbNounWords(string text)
    {
        var lines = PowerShellScanner.Scan(text).Code.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match m in VerbNoun().Matches(lines[i]))
            {
                yield return (m.Value, i + 1);
            }
        }
    }

    /// <summary>The cmdlets Bodywork.psd1 (repository root) exports.</summary>
    public static IReadOnlyList<string> ManifestCmdlets()
    {
        var manifest = Manifest.Psd1Reader.ReadHashtable(File.ReadAllText(Path.Combine(SurfacePaths.RepoRoot, "Bodywork.psd1")));
        return ((List<object?>)manifest["CmdletsToExport"]!).Cast<string>().ToList();
    }

    [GeneratedRegex(@"(?im)^\s*function\s+(?<name>[A-Za-z][\w-]*)")]
    private static partial Regex FunctionDefinition();

    // A capitalised verb, a hyphen and a capitalised noun, not part of a longer word, parameter or member.
    [GeneratedRegex(@"(?<![\w$.:\-\\/])[A-Z][a-z]+-[A-Z][A-Za-z0-9]*(?![\w\-])")]
    private static partial Regex VerbNoun();
}
