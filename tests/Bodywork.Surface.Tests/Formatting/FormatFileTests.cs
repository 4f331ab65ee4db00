using System.Reflection;
using System.Xml.Linq;
using Bodywork.Surface.Tests.Infrastructure;
using Xunit;

namespace Bodywork.Surface.Tests.Formatting;

/// <summary>Bodywork.Format.ps1xml: one ScriptBlock-free view per output type, over real properties.</summary>
public sealed class FormatFileTests
{
    private static readonly ModuleMetadata Module = ModuleMetadata.Instance;
    private static readonly XDocument Format = XDocument.Load(Path.Combine(SurfacePaths.ModuleDirectory, "Bodywork.Format.ps1xml"));
    private static readonly List<XElement> Views = Format.Descendants("View").ToList();

    [Fact]
    public void View_names_are_unique_and_name_their_type()
    {
        Assert.NotEmpty(Views);
        var names = Views.Select(v => (string)v.Element("Name")!).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(Views, v => Assert.Equal((string)v.Element("Name")!, (string)v.Element("ViewSelectedBy")!.Element("TypeName")!));
    }

    [Fact]
    public void Views_select_Models_types_and_their_existing_properties()
    {
        Assert.All(Views, view =>
        {
            var typeName = (string)view.Element("ViewSelectedBy")!.Element("TypeName")!;
            var type = Module.Models.GetType(typeName);
            Assert.True(type is not null, $"view type {typeName} is not in Bodywork.Models");
            var properties = type!.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet();
            Assert.All(view.Descendants("PropertyName").Select(p => p.Value), name =>
                Assert.True(properties.Contains(name), $"{typeName} has no property '{name}'"));
            var headers = view.Descendants("TableColumnHeader").Count();
            var items = view.Descendants("TableColumnItem").Count();
            Assert.Equal(headers, items);
        });
    }

    [Fact]
    public void Views_contain_no_ScriptBlocks()
    {
        Assert.Empty(Format.Descendants("ScriptBlock"));
    }

    [Fact]
    public void Every_output_type_of_every_cmdlet_has_a_table_view()
    {
        var viewed = Views.Where(v => v.Element("TableControl") is not null)
            .Select(v => (string)v.Element("ViewSelectedBy")!.Element("TypeName")!).ToHashSet();
        var outputTypes = Module.Cmdlets.SelectMany(c => c.OutputTypes.SelectMany(o => o.Types).Select(t => (c.Name, t)))
            .Where(x => x.t.Assembly == Module.Models)
            .ToList();
        Assert.NotEmpty(outputTypes);
        Assert.All(outputTypes, x => Assert.True(viewed.Contains(x.t.FullName!), $"{x.Name} outputs {x.t.FullName}, which has no view"));
    }

    [Fact]
    public void Output_types_are_Models_types_or_plain_values()
    {
        string[] plain = ["System.Boolean", "System.String"];
        Assert.All(Module.Cmdlets.SelectMany(c => c.OutputTypes.SelectMany(o => o.Types)), t =>
            Assert.True(t.Assembly == Module.Models || plain.Contains(t.FullName), $"{t.FullName} is not a Bodywork.Models type"));
    }
}
