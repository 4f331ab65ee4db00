using System.Text.Json.Serialization;

namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>
/// The apiserver's <c>Status</c> object: the body of every error response, of some DELETE responses,
/// and of watch ERROR events.
/// </summary>
public sealed record Status
{
    public string? ApiVersion { get; set; } = "v1";
    public string? Kind { get; set; } = "Status";

    /// <summary>"Success" or "Failure" (the <c>status</c> field).</summary>
    [JsonPropertyName("status")]
    public string? Outcome { get; set; }

    public string? Message { get; set; }

    /// <summary>Machine-readable reason: NotFound, AlreadyExists, Conflict, Invalid, Expired, …</summary>
    public string? Reason { get; set; }

    public StatusDetails? Details { get; set; }

    /// <summary>The HTTP status code the error corresponds to.</summary>
    public int? Code { get; set; }
}

/// <summary>
/// Status.details. <see cref="Kind"/> is the resource plural ("jobs") for NotFound/AlreadyExists/Conflict/
/// Forbidden but the Kind ("Job") for Invalid.
/// </summary>
public sealed record StatusDetails
{
    public string? Name { get; set; }
    public string? Group { get; set; }
    public string? Kind { get; set; }
    public string? Uid { get; set; }
    public IReadOnlyList<StatusCause>? Causes { get; set; }
    public int? RetryAfterSeconds { get; set; }
}

/// <summary>One cause of a failure, e.g. FieldValueRequired on spec.template.spec.containers[0].image.</summary>
public sealed record StatusCause
{
    /// <summary>Type of the cause (<c>reason</c> on the wire), e.g. FieldValueInvalid, FieldManagerConflict.</summary>
    [JsonPropertyName("reason")]
    public string? Type { get; set; }

    public string? Message { get; set; }

    /// <summary>The offending field path, e.g. "spec.replicas".</summary>
    public string? Field { get; set; }
}
