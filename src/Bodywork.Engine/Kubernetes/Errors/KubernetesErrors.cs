using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Models.Errors;

namespace Bodywork.Engine.Kubernetes.Errors;

/// <summary>
/// Turns error responses (a Status object, or any non-JSON body from a proxy) and transport failures
/// into <see cref="KubernetesApiException"/>. Request bodies are never part of a message: they may hold
/// secrets.
/// </summary>
public static class KubernetesErrors
{
    private const int MaxRawBodyChars = 300;

    /// <summary>Builds the exception for a non-success response.</summary>
    /// <param name="statusCode">HTTP status code.</param>
    /// <param name="body">Response body text (may be empty, JSON Status, plain text or HTML).</param>
    /// <param name="operation">What was attempted, e.g. "getting Job ns/name".</param>
    /// <param name="retryAfterHeader">Parsed Retry-After header, if any.</param>
    public static KubernetesApiException FromResponse(int statusCode, string? body, string operation, TimeSpan? retryAfterHeader = null)
    {
        var status = TryParseStatus(body);
        var reason = ReasonFor(statusCode, status?.Reason);
        var retryAfter = retryAfterHeader
            ?? (status?.Details?.RetryAfterSeconds is int s and > 0 ? TimeSpan.FromSeconds(s) : null);
        var detail = status?.Message is { Length: > 0 } m ? m : DescribeRawBody(statusCode, body);
        var message = new StringBuilder(operation).Append(": ").Append(detail);
        if (reason == KubernetesErrorReason.Invalid || reason == KubernetesErrorReason.Conflict)
        {
            foreach (var cause in status?.Details?.Causes ?? [])
            {
                // The Status message usually repeats the causes; list them anyway so each field is on its own line.
                message.AppendLine().Append("  ").Append(cause.Field is { Length: > 0 } f ? f + ": " : "")
                    .Append(cause.Message ?? cause.Type);
            }
        }

        return new KubernetesApiException(reason, operation, message.ToString(), statusCode, status, retryAfter);
    }

    /// <summary>Builds the exception for a request that got no HTTP answer (refused, DNS, TLS, connection lost).</summary>
    public static KubernetesApiException Unreachable(string operation, Uri server, Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        var why = DescribeTransportFailure(cause);
        return new KubernetesApiException(KubernetesErrorReason.Unreachable, operation,
            $"{operation}: cannot reach the Kubernetes API server at {server}: {why}", innerException: cause);
    }

    /// <summary>Builds the exception for a request that exceeded its per-request timeout.</summary>
    public static KubernetesApiException TimedOut(string operation, Uri server, TimeSpan timeout, Exception? cause = null) =>
        new(KubernetesErrorReason.Unreachable, operation,
            $"{operation}: the Kubernetes API server at {server} did not answer within {timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s",
            innerException: cause);

    /// <summary>Maps a Status reason (preferred) or the HTTP code to a <see cref="KubernetesErrorReason"/>.</summary>
    public static KubernetesErrorReason ReasonFor(int statusCode, string? statusReason) => statusReason switch
    {
        "NotFound" => KubernetesErrorReason.NotFound,
        "AlreadyExists" => KubernetesErrorReason.AlreadyExists,
        "Conflict" => KubernetesErrorReason.Conflict,
        "Invalid" => KubernetesErrorReason.Invalid,
        "Forbidden" => KubernetesErrorReason.Forbidden,
        "Unauthorized" => KubernetesErrorReason.Unauthorized,
        "Gone" or "Expired" => KubernetesErrorReason.Gone,
        "TooManyRequests" => KubernetesErrorReason.TooManyRequests,
        "BadRequest" => KubernetesErrorReason.BadRequest,
        "InternalError" or "ServerTimeout" or "ServiceUnavailable" or "Timeout" => KubernetesErrorReason.ServerError,
        _ => statusCode switch
        {
            400 => KubernetesErrorReason.BadRequest,
            401 => KubernetesErrorReason.Unauthorized,
            403 => KubernetesErrorReason.Forbidden,
            404 => KubernetesErrorReason.NotFound,
            409 => KubernetesErrorReason.Conflict,
            410 => KubernetesErrorReason.Gone,
            422 => KubernetesErrorReason.Invalid,
            429 => KubernetesErrorReason.TooManyRequests,
            >= 500 => KubernetesErrorReason.ServerError,
            _ => KubernetesErrorReason.Other,
        },
    };

    /// <summary>The stable error id for a reason.</summary>
    public static string ErrorIdFor(KubernetesErrorReason reason) => reason switch
    {
        KubernetesErrorReason.NotFound => BodyworkErrorIds.KubernetesObjectNotFound,
        KubernetesErrorReason.AlreadyExists => BodyworkErrorIds.KubernetesObjectAlreadyExists,
        KubernetesErrorReason.Conflict => BodyworkErrorIds.KubernetesConflict,
        KubernetesErrorReason.Invalid => BodyworkErrorIds.KubernetesInvalidObject,
        KubernetesErrorReason.BadRequest => BodyworkErrorIds.KubernetesBadRequest,
        KubernetesErrorReason.Gone => BodyworkErrorIds.KubernetesResourceExpired,
        KubernetesErrorReason.TooManyRequests => BodyworkErrorIds.KubernetesTooManyRequests,
        KubernetesErrorReason.ServerError => BodyworkErrorIds.KubernetesServerError,
        KubernetesErrorReason.Unauthorized => BodyworkErrorIds.Unauthorized,
        KubernetesErrorReason.Forbidden => BodyworkErrorIds.Forbidden,
        KubernetesErrorReason.Unreachable => BodyworkErrorIds.ClusterUnreachable,
        _ => BodyworkErrorIds.ApiError,
    };

    /// <summary>The PowerShell-style category for a reason.</summary>
    public static BodyworkErrorCategory CategoryFor(KubernetesErrorReason reason) => reason switch
    {
        KubernetesErrorReason.NotFound => BodyworkErrorCategory.ObjectNotFound,
        KubernetesErrorReason.AlreadyExists => BodyworkErrorCategory.ResourceExists,
        KubernetesErrorReason.Conflict => BodyworkErrorCategory.InvalidOperation,
        KubernetesErrorReason.Invalid => BodyworkErrorCategory.InvalidData,
        KubernetesErrorReason.BadRequest => BodyworkErrorCategory.InvalidArgument,
        KubernetesErrorReason.Gone => BodyworkErrorCategory.InvalidOperation,
        KubernetesErrorReason.TooManyRequests => BodyworkErrorCategory.LimitsExceeded,
        KubernetesErrorReason.ServerError => BodyworkErrorCategory.ResourceUnavailable,
        KubernetesErrorReason.Unauthorized => BodyworkErrorCategory.AuthenticationError,
        KubernetesErrorReason.Forbidden => BodyworkErrorCategory.PermissionDenied,
        KubernetesErrorReason.Unreachable => BodyworkErrorCategory.ConnectionError,
        _ => BodyworkErrorCategory.InvalidOperation,
    };

    /// <summary>A hint for the user, or null.</summary>
    public static string? RecommendedActionFor(KubernetesErrorReason reason) => reason switch
    {
        KubernetesErrorReason.Unauthorized => "Check the kubeconfig user's credentials (log in again or refresh the token).",
        KubernetesErrorReason.Forbidden => "Ask a cluster administrator for the RBAC permission named in the message.",
        KubernetesErrorReason.Unreachable => "Check that the cluster is running and that the kubeconfig's server address, proxy and certificates are right.",
        KubernetesErrorReason.TooManyRequests => "The API server is overloaded; try again later.",
        _ => null,
    };

    private static Status? TryParseStatus(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            var status = JsonSerializer.Deserialize(body, KubernetesJsonContext.Default.Status);
            return status is { Kind: "Status" } ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string DescribeRawBody(int statusCode, string? body)
    {
        var text = body?.Trim() ?? "";
        var prefix = $"HTTP {statusCode.ToString(CultureInfo.InvariantCulture)}";
        if (text.Length == 0)
        {
            return prefix + " with an empty body";
        }

        if (text[0] == '<')
        {
            // HTML from a cloud load balancer or proxy: its markup is noise; the code says enough.
            return prefix + " (an HTML page, probably from a proxy or load balancer in front of the API server)";
        }

        var firstLine = text.Split('\n', 2)[0].Trim();
        return prefix + ": " + (firstLine.Length > MaxRawBodyChars ? firstLine[..MaxRawBodyChars] + "…" : firstLine);
    }

    private static string DescribeTransportFailure(Exception cause)
    {
        for (var e = cause; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case AuthenticationException:
                    return "TLS handshake failed (" + e.Message + ")";
                case SocketException se when se.SocketErrorCode == SocketError.ConnectionRefused:
                    return "connection refused";
                case SocketException se when se.SocketErrorCode is SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData:
                    return "host name not found (DNS)";
                case SocketException se:
                    return "network error (" + se.SocketErrorCode + ")";
                case IOException when e.InnerException is null:
                    return "connection lost (" + e.Message + ")";
            }
        }

        return cause.Message;
    }
}
