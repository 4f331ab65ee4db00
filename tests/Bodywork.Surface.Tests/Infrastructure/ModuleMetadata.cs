using System.Reflection;

namespace Bodywork.Surface.Tests.Infrastructure;

/// <summary>
/// The laid-out module opened with MetadataLoadContext: attribute blobs, constants and enums are
/// real, no code runs (the SMA stub would make any executed check meaningless).
/// </summary>
internal sealed class ModuleMetadata
{
    private static readonly Lazy<ModuleMetadata> s_instance = new(() => new ModuleMetadata());
    private readonly MetadataLoadContext _context;

    private ModuleMetadata()
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Add(string path) => paths.TryAdd(Path.GetFileName(path), path);
        foreach (var dir in new[] { SurfacePaths.ModuleDirectory, SurfacePaths.DependencyDirectory })
        {
            foreach (var dll in Directory.GetFiles(dir, "*.dll"))
            {
                Add(dll);
            }
        }

        Add(SurfacePaths.SmaPath);
        foreach (var dll in Directory.GetFiles(SurfacePaths.RuntimeDirectory, "*.dll"))
        {
            Add(dll);
        }

        _context = new MetadataLoadContext(new PathAssemblyResolver(paths.Values), "System.Private.CoreLib");
        Commands = _context.LoadFromAssemblyPath(SurfacePaths.CommandsPath);
        Models = _context.LoadFromAssemblyPath(SurfacePaths.ModelsPath);
        Engine = _context.LoadFromAssemblyPath(SurfacePaths.EnginePath);
        Sma = _context.LoadFromAssemblyName("System.Management.Automation");
        Cmdlets = CmdletInfo.Discover(this);
    }

    public static ModuleMetadata Instance => s_instance.Value;

    public Assembly Commands { get; }
    public Assembly Models { get; }
    public Assembly Engine { get; }
    public Assembly Sma { get; }
    public IReadOnlyList<CmdletInfo> Cmdlets { get; }

    public Type SmaType(string name) =>
        Sma.GetType("System.Management.Automation." + name, throwOnError: true)!;

    public Type CoreType(string fullName) => _context.CoreAssembly!.GetType(fullName, throwOnError: true)!;

    public CmdletInfo Cmdlet(string name) =>
        Cmdlets.SingleOrDefault(c => c.Name == name) ?? throw new InvalidOperationException($"cmdlet {name} not found");
}
