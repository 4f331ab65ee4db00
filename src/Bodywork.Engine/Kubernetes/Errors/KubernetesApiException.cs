using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Models.Errors;

namespace Bodywork.Engine.Kubernetes.Errors;

/// <summary>
/// A failed Kubernetes API call. The message says what was done to which object ("applying Job ns/name:
/// …") and never contains a request body. <see cref="BodyworkException.ErrorId"/> and
/// <see cref="BodyworkException.Category"/> follow <see cref="Reason"/>.
/// </summary>
public sealed class KubernetesApiException : BodyworkException
{
    /// <summary>Creates the exception; use <see cref="KubernetesErrors"/> to build one from a response.</summary>
    public KubernetesApiException(KubernetesErrorReason reason, string operation, string message, int? statusCode = null,
        Status? status = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(KubernetesErrors.ErrorIdFor(reason), KubernetesErrors.CategoryFor(reason), message, operation,
            KubernetesErrors.RecommendedActionFor(reason), innerException)
    {
        Reason = reason;
        Operation = operation;
        StatusCode = statusCode;
        Status = status;
        RetryAfter = retryAfter;
    }

    /// <summary>The failure kind.</summary>
    public KubernetesErrorReason Reason { get; }

    /// <summary>What was attempted, e.g. "applying Job ns/name".</summary>
    public string Operation { get; }

    /// <summary>HTTP status code; null when no response arrived (<see cref="KubernetesErrorReason.Unreachable"/>).</summary>
    public int? StatusCode { get; }

    /// <summary>The server's Status object when the body was one.</summary>
    public Status? Status { get; }

    /// <summary>Per-field causes of an Invalid (422) or conflict error; empty otherwise.</summary>
    public IReadOnlyList<StatusCause> Causes => Status?.Details?.Causes ?? [];

    /// <summary>Retry-After (header or details.retryAfterSeconds), when the server sent one.</summary>
    public TimeSpan? RetryAfter { get; }
}
