using System.Reflection;

namespace Bodywork.Surface.Tests.Infrastructure;

/// <summary>Where the repository, the laid-out module and the SMA reference stub are (set at build time).</summary>
internal static class SurfacePaths
{
    public static string RepoRoot { get; } = Metadata("RepoRoot");
    public static string SmaPath { get; } = Metadata("SmaPath");
    public static string ModuleDirectory { get; } = Path.Combine(RepoRoot, "out", "Bodywork");
    public static string DependencyDirectory { get; } = Path.Combine(ModuleDirectory, "Dependencies");
    public static string CommandsPath { get; } = Path.Combine(ModuleDirectory, "Bodywork.Commands.dll");
    public static string ModelsPath { get; } = Path.Combine(ModuleDirectory, "Bodywork.Models.dll");
    public static string EnginePath { get; } = Path.Combine(DependencyDirectory, "Bodywork.Engine.dll");
    public static string RuntimeDirectory { get; } = Path.GetDirectoryName(typeof(object).Assembly.Location)!;

    private static string Metadata(string key) =>
        typeof(SurfacePaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"AssemblyMetadata '{key}' is missing from the test assembly.");
}
