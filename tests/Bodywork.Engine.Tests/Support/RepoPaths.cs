namespace Bodywork.Engine.Tests.Support;

/// <summary>Files of this repository (found by walking up from the test binaries to Bodywork.sln).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Examples => Path.Combine(Root, "examples");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bodywork.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"Bodywork.sln not found above {AppContext.BaseDirectory}");
    }
}
