using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FakeKubernetes;

/// <summary>
/// The simulated kubelet: gives every pod an outcome (script or <see cref="KubeletMode"/>), moves it through
/// Pending → Running → Succeeded/Failed (or CrashLoopBackOff for restartPolicy Always), keeps container logs, and in
/// process mode runs the container command as a real local process.
/// </summary>
internal sealed partial class Kubelet : IDisposable
{
    private readonly ObjectStore _store;
    private readonly PodScripts _scripts;
    private readonly FakeApiServerOptions _options;
    private readonly ConcurrentDictionary<string, PodRuntime> _pods = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _nextIp = 10;
    private bool _disposed;

    public Kubelet(ObjectStore store, PodScripts scripts, FakeApiServerOptions options)
    {
        _store = store;
        _scripts = scripts;
        _options = options;
    }

    /// <summary>Advances every pod; returns the earliest time something is due (for the controller loop's sleep).</summary>
    public DateTime Tick(DateTime now)
    {
        var due = now.AddSeconds(1);
        var pods = _store.List(ResourceTypes.Pod, null);
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            var uid = Meta.Uid(pod);
            live.Add(uid);
            if (Meta.IsDeleting(pod)) continue;
            PodRuntime rt;
            lock (_gate)
            {
                if (_disposed) return due;
                rt = _pods.GetOrAdd(uid, _ => NewRuntime(pod, now));
                var next = Advance(rt, pod, now);
                if (next < due) due = next;
            }
            WriteStatus(rt, pod);
        }
        foreach (var gone in _pods.Keys.Where(k => !live.Contains(k)).ToList())
            if (_pods.TryRemove(gone, out var rt)) Kill(rt);
        return due;
    }

    private PodRuntime NewRuntime(JsonObject pod, DateTime now)
    {
        var outcome = _scripts.Find(pod) ?? _options.Kubelet switch
        {
            KubeletMode.Process => PodOutcome.Process(),
            KubeletMode.Manual => PodOutcome.Manual(),
            _ => PodOutcome.Succeed(),
        };
        var attempt = outcome.NextAttempt();
        var containers = Containers(pod);
        var rt = new PodRuntime
        {
            Uid = Meta.Uid(pod),
            Namespace = Meta.Namespace(pod) ?? "",
            Name = Meta.Name(pod),
            Outcome = outcome,
            LongRunning = (Meta.Str(pod["spec"]?["restartPolicy"]) ?? "Always") == "Always",
            FailThisRun = outcome.Kind == PodOutcomeKind.AlwaysFail || (outcome.Kind == PodOutcomeKind.FailTimes && attempt <= outcome.FailCount),
            Created = now,
            MainContainer = containers.FirstOrDefault() ?? "",
            Manual = outcome.Kind == PodOutcomeKind.Manual,
        };
        foreach (var c in containers) rt.Logs[c] = new LogBuffer();
        if (outcome.Kind == PodOutcomeKind.Waiting)
        {
            rt.WaitingReason = outcome.Reason ?? "ImagePullBackOff";
            rt.WaitingMessage = outcome.Message;
        }
        return rt;
    }

    private static List<string> Containers(JsonObject pod) =>
        (pod["spec"]?["containers"] as JsonArray ?? []).Select(c => Meta.Str(c?["name"]) ?? "").ToList();

    /// <summary>State machine step; returns when it next needs attention.</summary>
    private DateTime Advance(PodRuntime rt, JsonObject pod, DateTime now)
    {
        var far = now.AddSeconds(1);
        if (rt.Manual || rt.Outcome.Kind == PodOutcomeKind.Waiting) return far;
        if (rt.State == "terminated" && rt.LongRunning)
        {
            // restartPolicy Always: restart after a back-off (1 s doubling, capped at 10 s; real kubelets: 10 s .. 5 min).
            var restartAt = rt.FinishedAt!.Value + TimeSpan.FromSeconds(Math.Min(10, 1 << Math.Min(rt.RestartCount, 4)));
            if (now < restartAt) return restartAt;
            rt.LastTerminated = TerminatedState(rt);
            rt.RestartCount++;
            rt.State = "waiting";
            rt.WaitingReason = "ContainerCreating";
            rt.ExitCode = null;
            rt.Created = now - _options.PodStartDelay;
        }
        if (rt.State == "waiting")
        {
            var startAt = rt.Created + _options.PodStartDelay;
            if (now < startAt) return startAt;
            if (rt.Outcome.Kind == PodOutcomeKind.Process)
            {
                StartProcess(rt, pod, now);
                return now.AddMilliseconds(200);
            }
            Start(rt, now, ready: rt.Outcome.Ready);
            if (rt.Outcome.Log is { } log) rt.Logs[rt.MainContainer].Append(log);
        }
        if (rt.State != "running") return far;
        if (rt.Outcome.Kind == PodOutcomeKind.Process)
        {
            ProbeProcess(rt, pod, now);
            return now.AddMilliseconds(200);
        }
        var runFor = rt.Outcome.After == TimeSpan.MinValue ? _options.PodRunTime : rt.Outcome.After;
        var ends = rt.Outcome.Kind switch
        {
            PodOutcomeKind.RunForever => false,
            PodOutcomeKind.Crash => true,
            _ => !rt.LongRunning || rt.FailThisRun,
        };
        if (!ends) return far;
        var endAt = rt.StartedAt!.Value + runFor;
        if (now < endAt) return endAt;
        var fail = rt.FailThisRun || rt.Outcome.Kind == PodOutcomeKind.Crash;
        Terminate(rt, fail ? (rt.Outcome.ExitCode == 0 ? 1 : rt.Outcome.ExitCode) : 0, fail ? rt.Outcome.Reason ?? "Error" : "Completed", fail ? rt.Outcome.Message : null, now);
        return far;
    }

    private static void Start(PodRuntime rt, DateTime now, bool ready)
    {
        rt.State = "running";
        rt.StartedAt = now;
        rt.Ready = ready;
        rt.WaitingReason = "";
        foreach (var log in rt.Logs.Values) log.Reopen();
    }

    private static void Terminate(PodRuntime rt, int exitCode, string reason, string? message, DateTime now)
    {
        rt.State = "terminated";
        rt.ExitCode = exitCode;
        rt.TerminatedReason = reason;
        rt.TerminatedMessage = message;
        rt.FinishedAt = now;
        rt.Ready = false;
        foreach (var log in rt.Logs.Values) log.Close();
    }

    private string NextIp() => $"10.244.0.{Interlocked.Increment(ref _nextIp) % 250 + 2}";

    /// <summary>Writes the pod status derived from the runtime (only when it changed).</summary>
    private void WriteStatus(PodRuntime rt, JsonObject pod)
    {
        JsonObject status;
        lock (_gate) status = BuildStatus(rt, pod);
        if (JsonNode.DeepEquals(pod["status"], status)) return;
        _store.Mutate(ResourceTypes.Pod, rt.Namespace, rt.Name, p =>
        {
            if (Meta.Uid(p) == rt.Uid) p["status"] = status;
        });
    }

    private JsonObject BuildStatus(PodRuntime rt, JsonObject pod)
    {
        var old = pod["status"] as JsonObject;
        string Fmt(DateTime? t) => Meta.Format(t ?? rt.Created);
        var crashLoop = rt.LongRunning && rt.State == "terminated";
        var phase = rt.State switch
        {
            "waiting" => "Pending",
            "running" => "Running",
            _ when crashLoop => "Running",
            _ => rt.ExitCode == 0 ? "Succeeded" : "Failed",
        };
        var created = Meta.Str(pod["metadata"]?["creationTimestamp"]) ?? Fmt(rt.Created);
        var started = rt.State != "waiting";
        var statuses = new JsonArray();
        var image = (pod["spec"]?["containers"] as JsonArray ?? []).Select(c => Meta.Str(c?["image"]) ?? "").ToList();
        var names = Containers(pod);
        for (var i = 0; i < names.Count; i++)
        {
            JsonObject state;
            JsonObject lastState = rt.LastTerminated is { } last ? new JsonObject { ["terminated"] = last.DeepClone() } : new JsonObject();
            if (rt.State == "waiting")
            {
                var w = new JsonObject { ["reason"] = rt.WaitingReason };
                if (rt.WaitingMessage is not null) w["message"] = rt.WaitingMessage;
                state = new JsonObject { ["waiting"] = w };
            }
            else if (rt.State == "running")
                state = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Fmt(rt.StartedAt) } };
            else
            {
                var term = TerminatedState(rt);
                if (crashLoop)
                {
                    lastState = new JsonObject { ["terminated"] = term };
                    state = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff", ["message"] = $"back-off 10s restarting failed container={names[i]} pod={rt.Name}_{rt.Namespace}({rt.Uid})" } };
                }
                else state = new JsonObject { ["terminated"] = term };
            }
            var cs = new JsonObject
            {
                ["name"] = names[i],
                ["state"] = state,
                ["lastState"] = lastState,
                ["ready"] = rt.Ready,
                ["restartCount"] = rt.RestartCount,
                ["image"] = image[i],
                ["imageID"] = "",
                ["started"] = rt.State == "running",
            };
            if (started) cs["containerID"] = "containerd://" + rt.Uid.Replace("-", "", StringComparison.Ordinal);
            statuses.Add(cs);
        }
        JsonObject Condition(string type, bool ok, string? reason = null)
        {
            var c = new JsonObject { ["type"] = type, ["status"] = ok ? "True" : "False", ["lastProbeTime"] = null };
            var previous = (old?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(x => Meta.Str(x["type"]) == type);
            c["lastTransitionTime"] = previous is not null && Meta.Str(previous["status"]) == (ok ? "True" : "False") ? previous["lastTransitionTime"]?.DeepClone() : Meta.Now();
            if (!ok && reason is not null) c["reason"] = reason;
            return c;
        }
        var ready = rt.Ready && rt.State == "running";
        var notReadyReason = phase is "Succeeded" or "Failed" ? "PodCompleted" : "ContainersNotReady";
        var status = new JsonObject
        {
            ["phase"] = phase,
            ["conditions"] = new JsonArray(
                Condition("Initialized", true),
                Condition("Ready", ready, notReadyReason),
                Condition("ContainersReady", ready, notReadyReason),
                Condition("PodScheduled", true)),
            ["hostIP"] = "10.0.0.1",
            ["podIP"] = Meta.Str(old?["podIP"]) ?? (started ? NextIp() : null),
            ["startTime"] = created,
            ["containerStatuses"] = statuses,
            ["qosClass"] = "BestEffort",
        };
        if (status["podIP"] is null) status.Remove("podIP");
        else status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = Meta.Str(status["podIP"]) });
        return status;
    }

    private static JsonObject TerminatedState(PodRuntime rt)
    {
        var term = new JsonObject
        {
            ["exitCode"] = rt.ExitCode,
            ["reason"] = rt.TerminatedReason,
            ["startedAt"] = Meta.Format(rt.StartedAt ?? rt.Created),
            ["finishedAt"] = Meta.Format(rt.FinishedAt ?? rt.Created),
            ["containerID"] = "containerd://" + rt.Uid.Replace("-", "", StringComparison.Ordinal),
        };
        if (rt.TerminatedMessage is not null) term["message"] = rt.TerminatedMessage;
        return term;
    }

    public void ManualStart(string ns, string name, bool ready) => Manual(ns, name, rt => Start(rt, DateTime.UtcNow, ready));

    public void ManualTerminate(string ns, string name, int exitCode, string? reason, string? message) =>
        Manual(ns, name, rt => Terminate(rt, exitCode, reason ?? (exitCode == 0 ? "Completed" : "Error"), message, DateTime.UtcNow));

    public void ManualWait(string ns, string name, string reason, string? message) => Manual(ns, name, rt =>
    {
        rt.State = "waiting";
        rt.WaitingReason = reason;
        rt.WaitingMessage = message;
    });

    private void Manual(string ns, string name, Action<PodRuntime> change)
    {
        var pod = _store.Get(ResourceTypes.Pod, ns, name) ?? throw new InvalidOperationException($"Pod {ns}/{name} does not exist.");
        PodRuntime rt;
        lock (_gate)
        {
            rt = _pods.GetOrAdd(Meta.Uid(pod), _ => NewRuntime(pod, DateTime.UtcNow));
            rt.Manual = true;
            if (rt.Process is not null) Kill(rt);
            change(rt);
        }
        WriteStatus(rt, pod);
    }

    public void AppendLog(string ns, string name, string? container, string text)
    {
        var rt = Runtime(ns, name) ?? throw new InvalidOperationException($"Pod {ns}/{name} has not been seen by the kubelet yet.");
        rt.Logs[container ?? rt.MainContainer].Append(text);
        _store.Poke();
    }

    public string GetLog(string ns, string name, string? container)
    {
        var rt = Runtime(ns, name);
        return rt is null ? "" : rt.Logs.TryGetValue(container ?? rt.MainContainer, out var log) ? log.Text : "";
    }

    private PodRuntime? Runtime(string ns, string name)
    {
        var pod = _store.Get(ResourceTypes.Pod, ns, name);
        if (pod is null) return null;
        if (_pods.TryGetValue(Meta.Uid(pod), out var rt)) return rt;
        lock (_gate) return _pods.GetOrAdd(Meta.Uid(pod), _ => NewRuntime(pod, DateTime.UtcNow));
    }

    /// <summary>Called when a pod is deleted through the API: kill its process now.</summary>
    public void PodDeleted(string uid)
    {
        if (_pods.TryRemove(uid, out var rt)) Kill(rt);
    }

    private static void Kill(PodRuntime rt)
    {
        var p = rt.Process;
        rt.Process = null;
        if (p is null) return;
        try
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
        foreach (var log in rt.Logs.Values) log.Close();
    }

    public void Dispose()
    {
        lock (_gate) _disposed = true;
        foreach (var rt in _pods.Values) Kill(rt);
        _pods.Clear();
    }

    private static string Timestamp(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z";

    internal static string FormatLines(IEnumerable<(DateTime Time, string Line)> lines, bool timestamps)
    {
        var sb = new StringBuilder();
        foreach (var (time, line) in lines)
        {
            if (timestamps) sb.Append(Timestamp(time)).Append(' ');
            sb.Append(line);
        }
        return sb.ToString();
    }
}
