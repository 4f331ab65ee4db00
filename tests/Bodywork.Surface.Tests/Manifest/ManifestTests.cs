using System.Xml.Linq;
using Bodywork.Surface.Tests.Infrastructure;
using Xunit;

namespace Bodywork.Surface.Tests.Manifest;

/// <summary>The manifest as laid out in out/Bodywork (version substituted), per §2.8.</summary>
public sealed class ManifestTests
{
    private static readonly Dictionary<string, object?> Manifest =
        Psd1Reader.ReadHashtable(File.ReadAllText(Path.Combine(SurfacePaths.ModuleDirectory, "Bodywork.psd1")));

    [Fact]
    public void CmdletsToExport_is_the_sorted_list_of_discovered_cmdlets()
    {
        var exported = Strings("CmdletsToExport");
        var discovered = ModuleMetadata.Instance.Cmdlets.Select(c => c.Name).ToList();
        Assert.Equal(discovered.Order(StringComparer.Ordinal), exported.Order(StringComparer.Ordinal));
        Assert.Equal(exported.Order(StringComparer.OrdinalIgnoreCase), exported);
    }

    [Theory]
    [InlineData("FunctionsToExport")]
    [InlineData("AliasesToExport")]
    [InlineData("VariablesToExport")]
    public void Other_exports_are_explicitly_empty(string key)
    {
        Assert.True(Manifest.ContainsKey(key), $"{key} must be present (a missing key exports '*')");
        Assert.Empty(Strings(key));
    }

    [Fact]
    public void Loads_only_the_root_assembly_and_its_formats()
    {
        Assert.Equal("Bodywork.Commands.dll", Manifest["RootModule"]);
        Assert.False(Manifest.ContainsKey("RequiredAssemblies"), "RequiredAssemblies would load dependencies into the default context");
        Assert.False(Manifest.ContainsKey("NestedModules"));
        Assert.False(Manifest.ContainsKey("DefaultCommandPrefix"));
        var formats = Strings("FormatsToProcess");
        Assert.Equal(["Bodywork.Format.ps1xml"], formats);
        Assert.All(formats, f => Assert.True(File.Exists(Path.Combine(SurfacePaths.ModuleDirectory, f)), $"{f} is missing from the layout"));
    }

    [Fact]
    public void Version_comes_from_Directory_Build_props()
    {
        var props = XDocument.Load(Path.Combine(SurfacePaths.RepoRoot, "Directory.Build.props"));
        var version = props.Descendants("Version").Single().Value;
        Assert.Equal(version, Manifest["ModuleVersion"]);
    }

    [Fact]
    public void Targets_PowerShell_7_4_Core_with_a_fixed_guid()
    {
        Assert.Equal("7.4", Manifest["PowerShellVersion"]);
        Assert.Equal(["Core"], Strings("CompatiblePSEditions"));
        Assert.True(Guid.TryParse((string?)Manifest["GUID"], out var guid) && guid != Guid.Empty);
        Assert.All(new[] { "Author", "CompanyName", "Copyright", "Description" },
            k => Assert.False(string.IsNullOrWhiteSpace(Manifest[k] as string), $"{k} is empty"));
    }

    [Fact]
    public void Gallery_data_is_complete()
    {
        var psData = (Dictionary<string, object?>)((Dictionary<string, object?>)Manifest["PrivateData"]!)["PSData"]!;
        var tags = ((List<object?>)psData["Tags"]!).Cast<string>().ToList();
        Assert.Superset(new HashSet<string> { "Kubernetes", "MLOps", "Bodywork", "PSEdition_Core", "Linux", "MacOS", "Windows" }, tags.ToHashSet());
        Assert.All(new[] { "ProjectUri", "LicenseUri" }, k => Assert.StartsWith("https://", (string)psData[k]!, StringComparison.Ordinal));
        Assert.False(string.IsNullOrWhiteSpace(psData["ReleaseNotes"] as string));
        Assert.True(File.Exists(Path.Combine(SurfacePaths.RepoRoot, "LICENSE")));
    }

    [Fact]
    public void The_reader_rejects_syntax_it_does_not_understand()
    {
        // Keeps the reader honest: an expandable string would otherwise be read as literal text.
        Assert.Throws<FormatException>(() => Psd1Reader.ReadHashtable("@{ A = \"$env:X\" }"));
        Assert.Throws<FormatException>(() => Psd1Reader.ReadHashtable("@{ A = 'x'; A = 'y' }"));
        Assert.Equal(new List<object?> { "a", "b" }, Psd1Reader.ReadHashtable("@{ A = @('a', # c\n 'b') }")["A"]);
    }

    private static List<string> Strings(string key) => Manifest[key] switch
    {
        List<object?> list => list.Cast<string>().ToList(),
        string s => [s],
        var other => throw new InvalidOperationException($"{key} is {other?.GetType().Name ?? "null"}, expected a list"),
    };
}
