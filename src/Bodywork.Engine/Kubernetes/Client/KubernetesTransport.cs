using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Net.Sockets;
using System.Text;
using Bodywork.Engine.Kubernetes.Auth;
using Bodywork.Engine.Kubernetes.Errors;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>
/// HTTP for the typed clients: credentials, rate limit, per-request timeout, retries with jittered
/// exponential backoff, one credential refresh after a 401, and error mapping.
/// </summary>
internal sealed class KubernetesTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly IKubernetesAuthenticator? _authenticator;
    private readonly TokenBucket _rateLimit;

    public KubernetesTransport(Uri server, HttpMessageHandler handler, IKubernetesAuthenticator? authenticator,
        KubernetesClientOptions options, bool disposeHandler)
    {
        ArgumentNullException.ThrowIfNull(server);
        // The server URL may carry a path prefix (Rancher); relative request paths must append to it.
        Server = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
        Options = options;
        _authenticator = authenticator;
        _rateLimit = new TokenBucket(options.QueriesPerSecond, options.Burst);
        // HttpClient.Timeout would kill watches and followed logs (C# client issue #515): per-call tokens instead.
        _http = new HttpClient(handler, disposeHandler) { BaseAddress = Server, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("bodywork", "0.1"));
    }

    public Uri Server { get; }

    public KubernetesClientOptions Options { get; }

    /// <summary>Sends a buffered call and returns the successful (2xx) response; throws <see cref="KubernetesApiException"/> otherwise.</summary>
    public async Task<KubernetesResponse> SendAsync(KubernetesRequest request, CancellationToken cancellationToken)
    {
        return await ExecuteAsync(request, async (response, token) =>
        {
            var body = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
            return new KubernetesResponse((int)response.StatusCode, body);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a long-running call and returns the successful response with its body unread (the caller
    /// disposes it). Only reaching the headers is retried.
    /// </summary>
    public Task<HttpResponseMessage> SendStreamingAsync(KubernetesRequest request, CancellationToken cancellationToken) =>
        ExecuteAsync(request with { Streaming = true }, (response, _) => Task.FromResult(response), cancellationToken);

    private async Task<TResult> ExecuteAsync<TResult>(KubernetesRequest request,
        Func<HttpResponseMessage, CancellationToken, Task<TResult>> onSuccess, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var refreshedCredentials = false;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await _rateLimit.AcquireAsync(cancellationToken).ConfigureAwait(false);

            using var timeout = request.Streaming ? null : new CancellationTokenSource(Options.RequestTimeout);
            using var linked = timeout is null
                ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
                : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            KubernetesApiException failure;
            bool retryable;
            HttpResponseMessage? response = null;
            try
            {
                using var message = await BuildMessageAsync(request, linked.Token).ConfigureAwait(false);
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                ReportWarnings(response);
                if (response.IsSuccessStatusCode)
                {
                    var result = await onSuccess(response, linked.Token).ConfigureAwait(false);
                    if (!request.Streaming)
                    {
                        response.Dispose();
                    }

                    return result;
                }

                var code = (int)response.StatusCode;
                var body = await ReadErrorBodyAsync(response, linked.Token).ConfigureAwait(false);
                failure = KubernetesErrors.FromResponse(code, body, request.Operation, ParseRetryAfter(response));
                response.Dispose();
                response = null;

                if (code == (int)HttpStatusCode.Unauthorized && !refreshedCredentials && _authenticator is not null)
                {
                    // A 401 was not processed by the server, so any request, even a create, may be repeated once.
                    refreshedCredentials = true;
                    if (await _authenticator.RefreshAfterUnauthorizedAsync(cancellationToken).ConfigureAwait(false))
                    {
                        attempt--;
                        continue;
                    }
                }

                retryable = IsRetryableStatus(code, failure, request);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeout?.IsCancellationRequested == true)
            {
                response?.Dispose();
                failure = KubernetesErrors.TimedOut(request.Operation, Server, Options.RequestTimeout, ex);
                retryable = request.Idempotent;
            }
            catch (HttpRequestException ex)
            {
                response?.Dispose();
                failure = KubernetesErrors.Unreachable(request.Operation, Server, ex);
                retryable = request.Idempotent && IsTransientTransportFailure(ex);
            }
            catch (IOException ex)
            {
                // The connection died while the body was read.
                response?.Dispose();
                failure = KubernetesErrors.Unreachable(request.Operation, Server, ex);
                retryable = request.Idempotent;
            }
            catch
            {
                response?.Dispose();
                throw;
            }

            var delay = BackoffDelay(attempt, failure.RetryAfter);
            if (!retryable || attempt >= Options.MaxAttempts
                || Stopwatch.GetElapsedTime(started) + delay > Options.MaxRetryDuration)
            {
                throw failure;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HttpRequestMessage> BuildMessageAsync(KubernetesRequest request, CancellationToken cancellationToken)
    {
        var message = new HttpRequestMessage(request.Method, new Uri(request.RelativeUri, UriKind.Relative))
        {
            Version = HttpVersion.Version11,
        };
        message.Headers.Accept.ParseAdd(request.Accept);
        if (request.Body is not null)
        {
            var content = new StringContent(request.Body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType ?? "application/json");
            message.Content = content;
        }

        if (_authenticator is not null)
        {
            await _authenticator.AuthenticateAsync(message, cancellationToken).ConfigureAwait(false);
        }

        return message;
    }

    private static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            return "";
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    /// <summary>
    /// 429 is always safe to repeat (API priority and fairness rejected it before any processing).
    /// 502/503/504 are transient by nature; a 500 is retried only when the server says when (Retry-After or
    /// ServerTimeout), as client-go does — an InternalError such as a failing webhook would fail again.
    /// Ambiguous failures are retried for idempotent requests only.
    /// </summary>
    private static bool IsRetryableStatus(int code, KubernetesApiException failure, KubernetesRequest request) => code switch
    {
        429 => true,
        502 or 503 or 504 => request.Idempotent,
        >= 500 => request.Idempotent && (failure.RetryAfter is not null || failure.Status?.Reason == "ServerTimeout"),
        _ => false,
    };

    private static bool IsTransientTransportFailure(HttpRequestException ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException)
            {
                return false; // TLS misconfiguration does not heal by retrying.
            }

            if (e is SocketException { SocketErrorCode: SocketError.HostNotFound })
            {
                return false;
            }
        }

        return true;
    }

    private TimeSpan BackoffDelay(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } ra)
        {
            return ra < Options.MaxBackoff ? ra : Options.MaxBackoff;
        }

        var ceiling = Options.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20));
        ceiling = Math.Min(ceiling, Options.MaxBackoff.TotalMilliseconds);
        // "Equal jitter": never less than half the ceiling, so retries stay spread out but do not collapse to zero.
#pragma warning disable CA5394 // jitter needs no cryptographic randomness
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
#pragma warning restore CA5394
    }

    private void ReportWarnings(HttpResponseMessage response)
    {
        if (Options.OnWarning is not { } sink || !response.Headers.TryGetValues("Warning", out var values))
        {
            return;
        }

        foreach (var value in values)
        {
            sink(ParseWarning(value));
        }
    }

    /// <summary>The text of an RFC 7234 warning, <c>299 - "text"</c>; anything else is passed through.</summary>
    internal static string ParseWarning(string header)
    {
        var open = header.IndexOf('"', StringComparison.Ordinal);
        var close = header.LastIndexOf('"');
        return open >= 0 && close > open
            ? header[(open + 1)..close].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal)
            : header;
    }

    private static TimeSpan? ParseRetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        // Some proxies send a non-standard fractional value; the typed header then fails to parse it.
        if (response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }

    public void Dispose() => _http.Dispose();
}
