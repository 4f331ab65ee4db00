using Bodywork.Models.Errors;

namespace Bodywork.Engine.Management;

/// <summary>The errors of the management commands, with their stable ids and the original's wording.</summary>
public static class ManagementErrors
{
    /// <summary>The namespace does not exist (the original: <c>namespace=NS could not be found on k8s cluster</c>).</summary>
    public static BodyworkException NamespaceNotFound(string @namespace) =>
        new(BodyworkErrorIds.NamespaceNotFound, BodyworkErrorCategory.ObjectNotFound,
            $"namespace={@namespace} could not be found on k8s cluster", @namespace,
            $"Check the name, or create and set it up with 'New-BodyworkNamespace -Name {@namespace}'.");

    /// <summary>An exact name that does not exist.</summary>
    public static BodyworkException NotFound(string errorId, string message, string name) =>
        new(errorId, BodyworkErrorCategory.ObjectNotFound, message, name);

    /// <summary>An object that exists already (create without -Force).</summary>
    public static BodyworkException AlreadyExists(string errorId, string message, string name, string? recommendedAction = null) =>
        new(errorId, BodyworkErrorCategory.ResourceExists, message, name, recommendedAction);

    /// <summary>Bad input found before any cluster call.</summary>
    public static BodyworkException InvalidArgument(string message, object? target, string? recommendedAction = null) =>
        new(BodyworkErrorIds.InvalidArgument, BodyworkErrorCategory.InvalidArgument, message, target, recommendedAction);
}
