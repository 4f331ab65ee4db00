using System.Globalization;
using System.Runtime.CompilerServices;
using Bodywork.Engine.Kubernetes.Errors;
using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Engine.Kubernetes.Watch;

namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>Pods plus the log subresource (spec §4).</summary>
internal sealed class PodClient : NamespacedResourceClient<Pod>, IPodClient
{
    private readonly KubernetesTransport _transport;

    public PodClient(ResourceOperations<Pod> operations, KubernetesTransport transport) : base(operations) => _transport = transport;

    public async Task<string> ReadLogAsync(string namespaceName, string podName, PodLogOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options = (options ?? new PodLogOptions()) with { Follow = false };
        try
        {
            var response = await _transport.SendAsync(LogRequest(Required(namespaceName), podName, options, options.SinceTime, firstConnect: true),
                cancellationToken).ConfigureAwait(false);
            return response.Body;
        }
        catch (KubernetesApiException ex) when (IsNotStartedYet(ex))
        {
            return "";
        }
    }

    public async IAsyncEnumerable<string> StreamLogAsync(string namespaceName, string podName, PodLogOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new PodLogOptions();
        Required(namespaceName);
        var dedupe = new LogLineDeduplicator();
        var backoff = new Backoff(_transport.Options.LogRetryInitialBackoff, _transport.Options.WatchMaxBackoff);
        var firstConnect = true;
        while (true)
        {
            var since = firstConnect ? options.SinceTime : dedupe.ResumeFrom ?? options.SinceTime;
            // Timestamps are always requested so a cut stream can resume with sinceTime and drop repeats.
            var request = LogRequest(namespaceName, podName, options with { Timestamps = true }, since, firstConnect);
            HttpResponseMessage? response;
            try
            {
                response = await _transport.SendStreamingAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException ex) when (IsNotStartedYet(ex))
            {
                yield break;
            }
            catch (KubernetesApiException ex) when (!firstConnect && ex.Reason == KubernetesErrorReason.NotFound)
            {
                yield break; // The pod went away between reconnects.
            }

            firstConnect = false;
            using (response)
            {
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
                while (true)
                {
                    string? line;
                    try
                    {
                        line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is IOException or HttpRequestException)
                    {
                        break; // Cut mid-stream: the check below decides whether to resume.
                    }

                    if (line is null)
                    {
                        break;
                    }

                    if (dedupe.Accept(line, out var text))
                    {
                        backoff.Reset();
                        yield return options.Timestamps ? line : text;
                    }
                }
            }

            // A follow stream also ends cleanly when a proxy or the kubelet cuts it; only a finished container ends the log.
            if (!options.Follow || !await ContainerStillRunningAsync(namespaceName, podName, options.Container, cancellationToken).ConfigureAwait(false))
            {
                yield break;
            }

            await backoff.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private KubernetesRequest LogRequest(string ns, string podName, PodLogOptions options, DateTimeOffset? since, bool firstConnect)
    {
        var uri = new QueryString(Operations.Type.ItemPath(ns, podName, "log"))
            .Add("container", options.Container)
            .AddFlag("follow", options.Follow)
            .AddFlag("previous", options.Previous)
            // sinceTime has second precision on the wire: round down so nothing is skipped; repeats are dropped.
            .Add("sinceTime", since?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
            .Add("sinceSeconds", since is null && firstConnect ? options.SinceSeconds : null)
            .Add("tailLines", firstConnect ? options.TailLines : null)
            .AddFlag("timestamps", options.Timestamps)
            .Add("limitBytes", options.LimitBytes)
            .ToString();
        var operation = $"reading the log of Pod {ns}/{podName}" + (options.Container is null ? "" : $" container {options.Container}");
        return new KubernetesRequest(HttpMethod.Get, uri, operation) { Accept = "*/*" };
    }

    private async Task<bool> ContainerStillRunningAsync(string ns, string podName, string? container, CancellationToken cancellationToken)
    {
        var pod = await GetAsync(ns, podName, cancellationToken).ConfigureAwait(false);
        var statuses = pod?.Status?.ContainerStatuses ?? [];
        var status = container is null ? (statuses.Count == 1 ? statuses[0] : null) : statuses.FirstOrDefault(s => s.Name == container);
        return status?.State?.Running is not null;
    }

    /// <summary>400 "container … is waiting to start: ContainerCreating" (or PodInitializing): no log yet, not an error.</summary>
    internal static bool IsNotStartedYet(KubernetesApiException ex) =>
        ex.StatusCode == 400 && ex.Status?.Message is { } m
        && (m.Contains("waiting to start", StringComparison.Ordinal)
            || m.Contains("ContainerCreating", StringComparison.Ordinal)
            || m.Contains("PodInitializing", StringComparison.Ordinal));
}
