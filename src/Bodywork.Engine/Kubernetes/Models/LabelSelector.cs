namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>A label selector as it appears in specs (Deployment/Job selector).</summary>
public sealed record LabelSelector
{
    public IReadOnlyDictionary<string, string>? MatchLabels { get; set; }
    public IReadOnlyList<LabelSelectorRequirement>? MatchExpressions { get; set; }
}

/// <summary>One expression: key In/NotIn values, or key Exists/DoesNotExist.</summary>
public sealed record LabelSelectorRequirement
{
    public string Key { get; set; } = "";

    /// <summary>In, NotIn, Exists or DoesNotExist.</summary>
    public string Operator { get; set; } = "";

    public IReadOnlyList<string>? Values { get; set; }
}
