using System.Reflection;

namespace Bodywork.Surface.Tests.Infrastructure;

/// <summary>What PowerShell would learn about one cmdlet class, read from its attributes.</summary>
internal sealed record CmdletInfo(
    Type Type,
    string Verb,
    string Noun,
    bool SupportsShouldProcess,
    int ConfirmImpact,
    string? DefaultParameterSetName,
    IReadOnlyList<OutputTypeInfo> OutputTypes,
    IReadOnlyList<ParameterInfo> Parameters)
{
    public const string AllParameterSets = "__AllParameterSets";

    public string Name => $"{Verb}-{Noun}";

    /// <summary>The explicit set names, or the single implicit set when no parameter names one.</summary>
    public IReadOnlyList<string> ParameterSetNames
    {
        get
        {
            var named = Parameters.SelectMany(p => p.Sets).Select(s => s.Name)
                .Where(n => n != AllParameterSets).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
            if (DefaultParameterSetName is not null && !named.Contains(DefaultParameterSetName))
            {
                named.Insert(0, DefaultParameterSetName);
            }

            return named.Count == 0 ? [AllParameterSets] : named;
        }
    }

    /// <summary>The parameters of a set, each with the attribute that applies in it.</summary>
    public IEnumerable<(ParameterInfo Parameter, ParameterSetInfo Set)> InSet(string setName) =>
        Parameters.SelectMany(p => p.Sets.Where(s => s.Name == setName || s.Name == AllParameterSets)
            .Take(1).Select(s => (p, s)));

    public static IReadOnlyList<CmdletInfo> Discover(ModuleMetadata metadata)
    {
        var cmdletBase = metadata.SmaType("Cmdlet");
        return metadata.Commands.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && cmdletBase.IsAssignableFrom(t))
            .Select(t => Read(t, metadata))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static CmdletInfo Read(Type type, ModuleMetadata metadata)
    {
        var cmdlet = type.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.Name == "CmdletAttribute")
            ?? throw new InvalidOperationException($"{type.FullName} derives from Cmdlet but has no [Cmdlet] attribute.");
        var outputs = type.GetCustomAttributesData().Where(a => a.AttributeType.Name == "OutputTypeAttribute")
            .Select(OutputTypeInfo.Read).ToList();
        var parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => ParameterInfo.Read(p))
            .Where(p => p is not null).Select(p => p!)
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        return new CmdletInfo(
            type,
            (string)cmdlet.ConstructorArguments[0].Value!,
            (string)cmdlet.ConstructorArguments[1].Value!,
            Named(cmdlet, "SupportsShouldProcess", false),
            Named(cmdlet, "ConfirmImpact", 2), // ConfirmImpact.Medium is the attribute's default
            Named<string?>(cmdlet, "DefaultParameterSetName", null),
            outputs,
            parameters);
    }

    internal static T Named<T>(CustomAttributeData data, string name, T fallback)
    {
        var arg = data.NamedArguments.FirstOrDefault(a => a.MemberName == name);
        return arg.MemberInfo is null ? fallback : (T)arg.TypedValue.Value!;
    }
}

/// <summary>One [OutputType]: its types and the parameter sets it is declared for (empty = all).</summary>
internal sealed record OutputTypeInfo(IReadOnlyList<Type> Types, IReadOnlyList<string> ParameterSets)
{
    public static OutputTypeInfo Read(CustomAttributeData data)
    {
        var types = ((IEnumerable<CustomAttributeTypedArgument>)data.ConstructorArguments[0].Value!)
            .Select(a => a.Value as Type ?? throw new InvalidOperationException(
                $"[OutputType] on {data.AttributeType} uses a type name string; use typeof() so it is checked."))
            .ToList();
        var setsArg = data.NamedArguments.FirstOrDefault(a => a.MemberName == "ParameterSetName");
        var sets = setsArg.MemberInfo is null
            ? new List<string>()
            : ((IEnumerable<CustomAttributeTypedArgument>)setsArg.TypedValue.Value!).Select(a => (string)a.Value!).ToList();
        return new OutputTypeInfo(types, sets);
    }
}

/// <summary>One [Parameter] attribute: the binding rules of a parameter in one set.</summary>
internal sealed record ParameterSetInfo(string Name, bool Mandatory, int? Position, bool ValueFromPipeline,
    bool ValueFromPipelineByPropertyName, bool ValueFromRemainingArguments);

/// <summary>A cmdlet parameter: a public property with at least one [Parameter].</summary>
internal sealed record ParameterInfo(string Name, Type Type, IReadOnlyList<string> Aliases,
    IReadOnlyList<ParameterSetInfo> Sets, IReadOnlyList<string> AttributeNames, PropertyInfo Property)
{
    public static ParameterInfo? Read(PropertyInfo property)
    {
        var attributes = property.GetCustomAttributesData();
        var sets = attributes.Where(a => a.AttributeType.Name == "ParameterAttribute").Select(a =>
        {
            var position = CmdletInfo.Named(a, "Position", int.MinValue);
            return new ParameterSetInfo(
                CmdletInfo.Named(a, "ParameterSetName", CmdletInfo.AllParameterSets),
                CmdletInfo.Named(a, "Mandatory", false),
                position == int.MinValue ? null : position,
                CmdletInfo.Named(a, "ValueFromPipeline", false),
                CmdletInfo.Named(a, "ValueFromPipelineByPropertyName", false),
                CmdletInfo.Named(a, "ValueFromRemainingArguments", false));
        }).ToList();
        if (sets.Count == 0)
        {
            return null;
        }

        var aliases = attributes.Where(a => a.AttributeType.Name == "AliasAttribute")
            .SelectMany(a => ((IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!)
                .Select(v => (string)v.Value!))
            .ToList();
        var names = attributes.Select(a => a.AttributeType.FullName!).OrderBy(n => n, StringComparer.Ordinal).ToList();
        return new ParameterInfo(property.Name, property.PropertyType, aliases, sets, names, property);
    }
}
