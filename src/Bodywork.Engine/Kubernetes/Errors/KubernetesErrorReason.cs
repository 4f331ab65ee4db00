namespace Bodywork.Engine.Kubernetes.Errors;

/// <summary>What kind of failure a Kubernetes API call ended in (from the Status reason and HTTP code).</summary>
public enum KubernetesErrorReason
{
    /// <summary>Any other 4xx (405, 406, 413, 415…).</summary>
    Other,

    /// <summary>400: malformed or strictly-decoded body, bad selector, namespace mismatch.</summary>
    BadRequest,

    /// <summary>401: credentials missing, wrong or expired (after one refresh).</summary>
    Unauthorized,

    /// <summary>403: RBAC denial, terminating namespace, admission.</summary>
    Forbidden,

    /// <summary>404: the object, its namespace, or the API path does not exist.</summary>
    NotFound,

    /// <summary>409 AlreadyExists: create of an existing name.</summary>
    AlreadyExists,

    /// <summary>409 Conflict: stale resourceVersion or a field-manager conflict.</summary>
    Conflict,

    /// <summary>410 Gone / Expired: too old resourceVersion or continue token.</summary>
    Gone,

    /// <summary>422 Invalid: the object failed validation; see the causes.</summary>
    Invalid,

    /// <summary>429: API priority and fairness throttled us (after retries).</summary>
    TooManyRequests,

    /// <summary>5xx (after retries for idempotent calls).</summary>
    ServerError,

    /// <summary>No HTTP answer: connection refused, DNS, TLS failure, connection lost, request timeout.</summary>
    Unreachable,
}
