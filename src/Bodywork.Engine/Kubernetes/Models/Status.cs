using System.Text.Json.Serialization;

namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>
/// The apiserver's <c>Status</c> object: the body of every error response, of some DELETE responses,
/// and of watch ERROR events.
/// </summary>
public sealed record Status
{
    public string? ApiVersion { get; init; } = "v1";
    public string? Kind { get; init; } = "Status";

    /// <summary>"Success" or "Failure" (the <c>status</c> field).</summary>
    [JsonPropertyName("status")]
    public string? Outcome { get; init; }

    public string? Message { get; init; }

    /// <summary>Machine-readable reason: NotFound, AlreadyExists, Conflict, Invalid, Expired, …</summary>
    public string? Reason { get; init; }

    public StatusDetails? Details { get; init; }

    /// <summary>The HTTP status code the error corresponds to.</summary>
    public int? Code { get; init; }
}

/// <summary>
/// Status.details. <see cref="Kind"/> is the resource plural ("jobs") for NotFound/AlreadyExists/Conflict/
/// Forbidden but the Kind ("Job") for Invalid.
/// </summary>
public sealed record StatusDetails
{
    public string? Name { get; init; }
    public string? Group { get; init; }
    public string? Kind { get; init; }
    public string? Uid { get; init; }
    public IReadOnlyList<StatusCause>? Causes { get; init; }
    public int? RetryAfterSeconds { get; init; }
}

/// <summary>One cause of a failure, e.g. FieldValueRequired on spec.template.spec.containers[0].image.</summary>
public sealed record StatusCause
{
    /// <summary>Type of the cause (<c>reason</c> on the wire), e.g. FieldValueInvalid, FieldManagerConflict.</summary>
    [JsonPropertyName("reason")]
    public string? Type { get; init; }

    public string? Message { get; init; }

    /// <summary>The offending field path, e.g. "spec.replicas".</summary>
    public string? Field { get; init; }
}
