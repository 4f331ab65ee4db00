using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace FakeKubernetes;

internal sealed partial class Kubelet
{
    private static readonly HttpClient ProbeClient = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>Starts the first container's command as a local process with the pod's env (secrets resolved).</summary>
    private void StartProcess(PodRuntime rt, JsonObject pod, DateTime now)
    {
        var container = (pod["spec"]?["containers"] as JsonArray)?[0] as JsonObject;
        if (container is null) return;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in (container["env"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = Meta.Str(e["name"]) ?? "";
            if (Meta.Str(e["value"]) is { } value)
            {
                env[name] = value;
                continue;
            }
            if (e["valueFrom"]?["secretKeyRef"] is JsonObject keyRef)
            {
                var secretName = Meta.Str(keyRef["name"]) ?? "";
                var key = Meta.Str(keyRef["key"]) ?? "";
                var optional = keyRef["optional"] is JsonValue o && o.TryGetValue<bool>(out var b) && b;
                var secret = _store.Get(ResourceTypes.Secret, rt.Namespace, secretName);
                var encoded = Meta.Str(secret?["data"]?[key]);
                if (encoded is null)
                {
                    if (optional) continue;
                    rt.WaitingReason = "CreateContainerConfigError";
                    rt.WaitingMessage = secret is null ? $"secret \"{secretName}\" not found" : $"couldn't find key {key} in Secret {rt.Namespace}/{secretName}";
                    return;
                }
                env[name] = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                continue;
            }
            if (e["valueFrom"]?["fieldRef"]?["fieldPath"] is { } fieldPath)
            {
                env[name] = Meta.Str(fieldPath) switch
                {
                    "metadata.name" => rt.Name,
                    "metadata.namespace" => rt.Namespace,
                    "metadata.uid" => rt.Uid,
                    _ => "",
                };
            }
        }
        var command = (container["command"] as JsonArray ?? []).Select(c => Meta.Str(c) ?? "").Concat((container["args"] as JsonArray ?? []).Select(c => Meta.Str(c) ?? "")).ToList();
        if (command.Count == 0)
        {
            Start(rt, now, ready: false);
            rt.Logs[rt.MainContainer].AppendLine("fake kubelet: the container has no command; the process kubelet cannot run an image's entrypoint");
            Terminate(rt, 128, "StartError", "no command to run", now);
            return;
        }
        var psi = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in command.Skip(1)) psi.ArgumentList.Add(arg);
        if (Meta.Str(container["workingDir"]) is { Length: > 0 } wd && Directory.Exists(wd)) psi.WorkingDirectory = wd;
        psi.Environment["HOSTNAME"] = rt.Name;
        foreach (var (k, v) in env) psi.Environment[k] = v;
        var log = rt.Logs[rt.MainContainer];
        Process process;
        try
        {
            process = new Process { StartInfo = psi, EnableRaisingEvents = true };
            process.OutputDataReceived += (_, a) => { if (a.Data is not null) log.AppendLine(a.Data); };
            process.ErrorDataReceived += (_, a) => { if (a.Data is not null) log.AppendLine(a.Data); };
            process.Start();
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Start(rt, now, ready: false);
            log.AppendLine($"fake kubelet: cannot start {command[0]}: {e.Message}");
            Terminate(rt, 127, "StartError", e.Message, now);
            return;
        }
        rt.Process = process;
        var hasProbe = container["readinessProbe"] is JsonObject || container["startupProbe"] is JsonObject;
        Start(rt, now, ready: !hasProbe);
        rt.StartupPassed = container["startupProbe"] is not JsonObject;
        _ = WatchExitAsync(rt, process);
    }

    private async Task WatchExitAsync(PodRuntime rt, Process process)
    {
        try
        {
            await process.WaitForExitAsync().ConfigureAwait(false);
            lock (_gate)
            {
                if (rt.Process != process) return; // killed by deletion
                Terminate(rt, process.ExitCode, process.ExitCode == 0 ? "Completed" : "Error", null, DateTime.UtcNow);
                rt.Process = null;
            }
            _store.Poke();
        }
        catch (InvalidOperationException)
        {
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>Checks startup then readiness probes (tcpSocket / httpGet on 127.0.0.1) against the running process.</summary>
    private void ProbeProcess(PodRuntime rt, JsonObject pod, DateTime now)
    {
        if (rt.ProbeInFlight || now < rt.NextProbe) return;
        var container = (pod["spec"]?["containers"] as JsonArray)?[0] as JsonObject;
        var probe = !rt.StartupPassed ? container?["startupProbe"] as JsonObject : container?["readinessProbe"] as JsonObject;
        if (probe is null)
        {
            if (!rt.StartupPassed) rt.StartupPassed = true;
            if (container?["readinessProbe"] is null) rt.Ready = true;
            return;
        }
        var initial = TimeSpan.FromSeconds(Meta.Long(probe["initialDelaySeconds"]) ?? 0);
        if (now < rt.StartedAt!.Value + initial) return;
        var period = TimeSpan.FromSeconds(Math.Min(Meta.Long(probe["periodSeconds"]) ?? 1, 1));
        rt.ProbeInFlight = true;
        rt.NextProbe = now + period;
        var isStartup = !rt.StartupPassed;
        _ = Task.Run(async () =>
        {
            var ok = await RunProbeAsync(probe, container!).ConfigureAwait(false);
            lock (_gate)
            {
                rt.ProbeInFlight = false;
                if (rt.State != "running") return;
                if (isStartup)
                {
                    if (ok) rt.StartupPassed = true;
                    if (ok && container?["readinessProbe"] is null) rt.Ready = true;
                }
                else rt.Ready = ok;
            }
            _store.Poke();
        });
    }

    private static async Task<bool> RunProbeAsync(JsonObject probe, JsonObject container)
    {
        try
        {
            if (probe["tcpSocket"] is JsonObject tcp)
            {
                using var client = new TcpClient();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.ConnectAsync("127.0.0.1", ResolvePort(tcp["port"], container), cts.Token).ConfigureAwait(false);
                return true;
            }
            if (probe["httpGet"] is JsonObject http)
            {
                var path = Meta.Str(http["path"]) ?? "/";
                var scheme = (Meta.Str(http["scheme"]) ?? "HTTP").ToLowerInvariant();
                using var response = await ProbeClient.GetAsync(new Uri($"{scheme}://127.0.0.1:{ResolvePort(http["port"], container)}{path}")).ConfigureAwait(false);
                return (int)response.StatusCode is >= 200 and < 400;
            }
            return true; // exec/grpc probes are not simulated: treated as passing
        }
        catch (Exception e) when (e is SocketException or HttpRequestException or OperationCanceledException or IOException)
        {
            return false;
        }
    }

    private static int ResolvePort(JsonNode? port, JsonObject container)
    {
        if (Meta.Long(port) is { } n) return (int)n;
        var name = Meta.Str(port);
        if (int.TryParse(name, out var parsed)) return parsed;
        var match = (container["ports"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(p => Meta.Str(p["name"]) == name);
        return (int)(Meta.Long(match?["containerPort"]) ?? 0);
    }
}
