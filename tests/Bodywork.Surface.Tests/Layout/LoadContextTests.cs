using System.Reflection;
using System.Runtime.Loader;
using Bodywork.Surface.Tests.Infrastructure;
using Xunit;

namespace Bodywork.Surface.Tests.Layout;

/// <summary>
/// Exercises BodyworkLoadContext for real (it is plain .NET, no PowerShell stub involved): the engine
/// and YamlDotNet load from Dependencies/ into the custom context, Models types stay in the default one.
/// </summary>
public sealed class LoadContextTests
{
    private static readonly Lazy<Loaded> State = new(Load);

    [Fact]
    public void The_engine_loads_into_the_Bodywork_context_from_Dependencies()
    {
        var s = State.Value;
        Assert.Same(s.Context, AssemblyLoadContext.GetLoadContext(s.Engine));
        Assert.NotSame(AssemblyLoadContext.Default, s.Context);
        Assert.Equal(Path.GetFullPath(SurfacePaths.EnginePath), Path.GetFullPath(s.Engine.Location));
        Assert.Equal("Bodywork", s.Context.Name);
    }

    [Fact]
    public void Models_types_the_engine_returns_are_the_default_context_types()
    {
        var s = State.Value;
        var validate = s.Engine.GetType("Bodywork.Engine.Projects.BodyworkProjects", throwOnError: true)!
            .GetMethod("Validate", [typeof(string)])!;
        var resultType = validate.ReturnType; // resolving it makes the engine bind Bodywork.Models
        Assert.Equal("Bodywork.Models.Projects.BodyworkValidationResult", resultType.FullName);
        Assert.Same(s.Models, resultType.Assembly);
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(resultType.Assembly));
    }

    [Fact]
    public void YamlDotNet_of_the_engine_is_isolated_from_the_hosts_copy()
    {
        var s = State.Value;
        var engineYaml = s.Context.LoadFromAssemblyName(new AssemblyName("YamlDotNet"));
        var hostYaml = typeof(YamlDotNet.Serialization.Deserializer).Assembly; // this test project's own copy
        Assert.Same(s.Context, AssemblyLoadContext.GetLoadContext(engineYaml));
        Assert.NotSame(hostYaml, engineYaml);
        Assert.StartsWith(Path.GetFullPath(SurfacePaths.DependencyDirectory), Path.GetFullPath(engineYaml.Location), StringComparison.Ordinal);
    }

    [Fact]
    public void The_context_is_one_static_non_collectible_instance_that_refuses_Models()
    {
        var s = State.Value;
        Assert.False(s.Context.IsCollectible);
        Assert.Same(s.Context, s.ContextType.GetProperty("Instance")!.GetValue(null));
        Assert.DoesNotContain(s.Context.Assemblies, a => a.GetName().Name == "Bodywork.Models");
        Assert.Empty(s.ContextType.GetConstructors()); // no public constructor: nobody can make a second one
    }

    private static Loaded Load()
    {
        // As on Import-Module: the root assemblies go into the default context (by path, not the TPA list),
        // and no extra resolver is needed for the engine to bind Models there.
        var models = AssemblyLoadContext.Default.LoadFromAssemblyPath(SurfacePaths.ModelsPath);
        var commands = AssemblyLoadContext.Default.LoadFromAssemblyPath(SurfacePaths.CommandsPath);
        var contextType = commands.GetType("Bodywork.Commands.Loading.BodyworkLoadContext", throwOnError: true)!;
        var context = (AssemblyLoadContext)contextType.GetProperty("Instance")!.GetValue(null)!;
        var engine = (Assembly)contextType.GetMethod("LoadEngine")!.Invoke(context, null)!;
        return new Loaded(contextType, context, engine, models);
    }

    private sealed record Loaded(Type ContextType, AssemblyLoadContext Context, Assembly Engine, Assembly Models);
}
