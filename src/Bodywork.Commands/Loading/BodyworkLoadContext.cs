using System.Reflection;
using System.Runtime.Loader;

namespace Bodywork.Commands.Loading;

/// <summary>
/// The load context for the engine and its dependencies (YamlDotNet, …) from the module's
/// Dependencies/ folder, so other modules' versions of the same libraries cannot clash with ours.
/// Bodywork.Models is deliberately left to the default context: cmdlets, scripts and the engine must
/// share one set of output and exception types. Plain .NET on purpose (no PowerShell types), so
/// tests can exercise it live.
/// </summary>
public sealed class BodyworkLoadContext : AssemblyLoadContext
{
    public const string EngineAssemblyName = "Bodywork.Engine";
    public const string ModelsAssemblyName = "Bodywork.Models";
    public const string DependencyFolderName = "Dependencies";

    private static readonly Lazy<BodyworkLoadContext> s_instance = new(
        () => new BodyworkLoadContext(DefaultDependencyDirectory()), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly AssemblyDependencyResolver _resolver;

    private BodyworkLoadContext(string dependencyDirectory)
        : base("Bodywork", isCollectible: false)
    {
        DependencyDirectory = dependencyDirectory;
        _resolver = new AssemblyDependencyResolver(Path.Combine(dependencyDirectory, EngineAssemblyName + ".dll"));
    }

    /// <summary>The one context of the process: loading the engine twice would split its statics and caches.</summary>
    public static BodyworkLoadContext Instance => s_instance.Value;

    /// <summary>Dependencies/ beside the module's root assembly.</summary>
    public string DependencyDirectory { get; }

    public static bool IsEngine(AssemblyName name) =>
        string.Equals(name?.Name, EngineAssemblyName, StringComparison.Ordinal);

    /// <summary>Loads the engine through this context (the default context's Resolving handler calls this).</summary>
    public Assembly LoadEngine() => LoadFromAssemblyName(new AssemblyName(EngineAssemblyName));

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (string.Equals(assemblyName.Name, ModelsAssemblyName, StringComparison.Ordinal))
        {
            return null; // falls back to the default context: shared type identity
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is not null && File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    private static string DefaultDependencyDirectory()
    {
        var root = Path.GetDirectoryName(typeof(BodyworkLoadContext).Assembly.Location)
            ?? throw new InvalidOperationException("Bodywork.Commands.dll has no location on disk.");
        return Path.Combine(root, DependencyFolderName);
    }
}
