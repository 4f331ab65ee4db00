using System.Reflection;
using Bodywork.Surface.Tests.Infrastructure;
using Xunit;

namespace Bodywork.Surface.Tests.Layout;

/// <summary>out/Bodywork as build/Module.proj lays it out (the test project runs the Layout target on build).</summary>
public sealed class LayoutTests
{
    private static readonly ModuleMetadata Module = ModuleMetadata.Instance;

    [Fact]
    public void The_root_holds_only_the_manifest_formats_cmdlets_models_and_help()
    {
        string[] allowed = ["Bodywork.psd1", "Bodywork.Format.ps1xml", "Bodywork.Commands.dll", "Bodywork.Models.dll"];
        var files = Directory.GetFiles(SurfacePaths.ModuleDirectory).Select(Path.GetFileName).ToList();
        Assert.Equal(allowed.Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
        var folders = Directory.GetDirectories(SurfacePaths.ModuleDirectory).Select(Path.GetFileName).ToList();
        Assert.All(folders, f => Assert.Contains(f, new[] { "Dependencies", "en-US" }));
    }

    [Fact]
    public void Dependencies_hold_the_engine_and_its_packages_but_no_shared_or_host_assemblies()
    {
        var files = Directory.GetFiles(SurfacePaths.DependencyDirectory).Select(Path.GetFileName).ToHashSet();
        Assert.Contains("Bodywork.Engine.dll", files);
        Assert.Contains("Bodywork.Engine.deps.json", files);
        Assert.Contains("YamlDotNet.dll", files);
        Assert.DoesNotContain("Bodywork.Models.dll", files);       // must stay in the default context
        Assert.DoesNotContain("Bodywork.Commands.dll", files);
        Assert.DoesNotContain("System.Management.Automation.dll", files);
        Assert.DoesNotContain(files, f => f!.StartsWith("Microsoft.PowerShell", StringComparison.Ordinal));
        Assert.Empty(Directory.GetDirectories(SurfacePaths.DependencyDirectory));
    }

    [Fact]
    public void Every_engine_reference_is_shipped_or_part_of_the_framework()
    {
        var shipped = Directory.GetFiles(SurfacePaths.DependencyDirectory, "*.dll").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        Assert.All(Module.Engine.GetReferencedAssemblies(), r =>
            Assert.True(shipped.Contains(r.Name) || r.Name == "Bodywork.Models" || IsFramework(r.Name!),
                $"Bodywork.Engine references {r.Name}, which is neither in Dependencies/ nor in the framework"));
    }

    [Fact]
    public void Commands_references_only_Models_Engine_SMA_and_the_framework()
    {
        var references = Module.Commands.GetReferencedAssemblies().Select(r => r.Name!).ToList();
        Assert.Contains("Bodywork.Engine", references);
        Assert.All(references, name => Assert.True(
            name is "Bodywork.Models" or "Bodywork.Engine" or "System.Management.Automation" || IsFramework(name),
            $"Bodywork.Commands references {name}: third-party code belongs in the engine, behind the load context"));
    }

    [Fact]
    public void Engine_public_api_exposes_no_third_party_types()
    {
        var leaks = new List<string>();
        foreach (var type in Module.Engine.GetExportedTypes())
        {
            var exposed = new List<(string Where, Type Type)>();
            if (type.BaseType is not null)
            {
                exposed.Add(("base type", type.BaseType));
            }

            exposed.AddRange(type.GetInterfaces().Select(i => ("interface", i)));
            const BindingFlags visible = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(visible))
            {
                switch (member)
                {
                    case FieldInfo f when f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly:
                        exposed.Add((f.Name, f.FieldType));
                        break;
                    case PropertyInfo p when p.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly):
                        exposed.Add((p.Name, p.PropertyType));
                        break;
                    case MethodBase m when m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly:
                        exposed.AddRange(m.GetParameters().Select(p => ($"{m.Name}({p.Name})", p.ParameterType)));
                        if (m is MethodInfo mi)
                        {
                            exposed.Add(($"{m.Name} return", mi.ReturnType));
                        }

                        break;
                    case EventInfo e when e.AddMethod?.IsPublic == true:
                        exposed.Add((e.Name, e.EventHandlerType!));
                        break;
                }
            }

            leaks.AddRange(exposed.SelectMany(x => Flatten(x.Type)
                .Where(t => !IsOurs(t) && !IsFramework(t.Assembly.GetName().Name!))
                .Select(t => $"{type.FullName}.{x.Where}: {t.FullName} ({t.Assembly.GetName().Name})")));
        }

        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.HasElementType)
        {
            return Flatten(type.GetElementType()!);
        }

        if (type.IsGenericParameter)
        {
            return [];
        }

        return type.IsGenericType
            ? new[] { type.GetGenericTypeDefinition() }.Concat(type.GetGenericArguments().SelectMany(Flatten))
            : [type];
    }

    private static bool IsOurs(Type t) => t.Assembly.GetName().Name is "Bodywork.Engine" or "Bodywork.Models";

    private static bool IsFramework(string assemblyName) =>
        File.Exists(Path.Combine(SurfacePaths.RuntimeDirectory, assemblyName + ".dll"));
}
