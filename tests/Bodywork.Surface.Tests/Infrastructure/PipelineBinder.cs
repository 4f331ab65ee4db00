using System.Reflection;

namespace Bodywork.Surface.Tests.Infrastructure;

/// <summary>
/// A static emulation of PowerShell's pipeline binder, enough to prove a pipe works: a parameter set
/// binds an input object when a typed ValueFromPipeline parameter accepts it, or when every mandatory
/// parameter (and at least one parameter) binds by property name or alias with a compatible type.
/// </summary>
internal static class PipelineBinder
{
    /// <returns>For each bindable set, the parameters the object fills; empty when nothing binds.</returns>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Bind(CmdletInfo downstream, Type input)
    {
        var properties = input.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().PropertyType, StringComparer.OrdinalIgnoreCase);
        var result = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var set in downstream.ParameterSetNames)
        {
            var members = downstream.InSet(set).ToList();
            var byValue = members.Where(m => m.Set.ValueFromPipeline && Accepts(m.Parameter.Type, input))
                .Select(m => m.Parameter.Name).ToList();
            var byName = members.Where(m => m.Set.ValueFromPipelineByPropertyName && FindProperty(m.Parameter, properties) is { } t
                    && Accepts(m.Parameter.Type, t))
                .Select(m => m.Parameter.Name).ToList();
            var bound = byValue.Count > 0 ? byValue : byName;
            var mandatoryMissing = members.Where(m => m.Set.Mandatory && !bound.Contains(m.Parameter.Name)).ToList();
            if (bound.Count > 0 && mandatoryMissing.Count == 0)
            {
                result[set] = bound;
            }
        }

        return result;
    }

    private static Type? FindProperty(ParameterInfo parameter, Dictionary<string, Type> properties) =>
        new[] { parameter.Name }.Concat(parameter.Aliases)
            .Select(n => properties.TryGetValue(n, out var t) ? t : null)
            .FirstOrDefault(t => t is not null);

    // PowerShell converts anything to string and a scalar to a one-element array; other types must match.
    private static bool Accepts(Type parameterType, Type valueType)
    {
        if (parameterType.FullName == "System.String" || parameterType.FullName == "System.Object")
        {
            return true;
        }

        if (parameterType.IsArray && Accepts(parameterType.GetElementType()!, valueType))
        {
            return true;
        }

        return parameterType.IsAssignableFrom(valueType) || parameterType.FullName == valueType.FullName;
    }
}
