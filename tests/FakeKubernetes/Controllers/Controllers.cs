using System.Text.Json.Nodes;

namespace FakeKubernetes;

/// <summary>
/// The simulated control plane: one background loop that, after every store change (or when something is due),
/// runs garbage collection, namespace termination, the Job, CronJob, Deployment and ReplicaSet controllers and the kubelet.
/// </summary>
internal sealed partial class Controllers : IDisposable
{
    private readonly ObjectStore _store;
    private readonly FakeApiServerOptions _options;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private int _pending;

    public Controllers(ObjectStore store, FakeApiServerOptions options)
    {
        _store = store;
        _options = options;
        _store.Changed += Wake;
    }

    public Kubelet? Kubelet { get; set; }

    public void Start() => _loop = Task.Run(LoopAsync);

    private void Wake()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0) _wake.Release();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var due = DateTime.UtcNow.AddSeconds(1);
            Interlocked.Exchange(ref _pending, 0);
            var now = DateTime.UtcNow;
            // Each controller is isolated: a bug tripping over one object must not stop the others.
            await RunAsync("garbage collector", () => CollectGarbage()).ConfigureAwait(false);
            await RunAsync("namespace controller", () => TerminateNamespaces()).ConfigureAwait(false);
            await RunAsync("job controller", () => due = Min(due, ReconcileJobs(now))).ConfigureAwait(false);
            await RunAsync("cronjob controller", () => ReconcileCronJobs()).ConfigureAwait(false);
            await RunAsync("deployment controller", () => due = Min(due, ReconcileDeployments(now))).ConfigureAwait(false);
            await RunAsync("replicaset controller", () => ReconcileReplicaSets()).ConfigureAwait(false);
            if (Kubelet is { } kubelet) await RunAsync("kubelet", () => due = Min(due, kubelet.Tick(now))).ConfigureAwait(false);
            var wait = due - DateTime.UtcNow;
            if (wait < TimeSpan.FromMilliseconds(5)) wait = TimeSpan.FromMilliseconds(5);
            try
            {
                await _wake.WaitAsync(wait, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static async Task RunAsync(string name, Action step)
    {
        try
        {
            step();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"fake {name}: {e}").ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _store.Changed -= Wake;
        _stop.Cancel();
        try { _loop?.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
        _wake.Dispose();
    }

    /// <summary>Deletes an object through the API with a propagation policy; returns the response body.</summary>
    public JsonNode Delete(ResourceType type, JsonObject obj, string policy)
    {
        var ns = Meta.Namespace(obj);
        var name = Meta.Name(obj);
        if (type == ResourceTypes.Namespace)
        {
            return _store.Mutate(type, null, name, o =>
            {
                Meta.Of(o)["deletionTimestamp"] ??= Meta.Now();
                o["status"] = new JsonObject { ["phase"] = "Terminating" };
            }) ?? obj;
        }
        if (policy == "Foreground")
        {
            return _store.Mutate(type, ns, name, o =>
            {
                var meta = Meta.Of(o);
                meta["deletionTimestamp"] ??= Meta.Now();
                meta["deletionGracePeriodSeconds"] ??= 0;
                var finalizers = meta["finalizers"] as JsonArray ?? [];
                if (!finalizers.Any(f => Meta.Str(f) == "foregroundDeletion")) finalizers.Add("foregroundDeletion");
                meta["finalizers"] = finalizers;
            }) ?? obj;
        }
        if (policy == "Orphan")
        {
            var uid = Meta.Uid(obj);
            foreach (var (t, dependent) in Dependents(uid))
                _store.Mutate(t, Meta.Namespace(dependent), Meta.Name(dependent), d =>
                {
                    if (d["metadata"]?["ownerReferences"] is JsonArray refs)
                    {
                        foreach (var r in refs.Where(r => Meta.Str(r?["uid"]) == uid).ToList()) refs.Remove(r);
                        if (refs.Count == 0) Meta.Of(d).Remove("ownerReferences");
                    }
                });
        }
        if (obj["metadata"]?["finalizers"] is JsonArray { Count: > 0 })
        {
            return _store.Mutate(type, ns, name, o => Meta.Of(o)["deletionTimestamp"] ??= Meta.Now()) ?? obj;
        }
        Remove(type, obj);
        if (type == ResourceTypes.Pod)
        {
            var last = obj.DeepClone().AsObject();
            Meta.Of(last)["deletionTimestamp"] = Meta.Now();
            Meta.Of(last)["deletionGracePeriodSeconds"] = 0;
            return last;
        }
        return StatusObjects.Success(type, name, Meta.Uid(obj));
    }

    private void Remove(ResourceType type, JsonObject obj)
    {
        if (type == ResourceTypes.Pod) Kubelet?.PodDeleted(Meta.Uid(obj));
        _store.Remove(type, Meta.Namespace(obj), Meta.Name(obj));
    }

    private List<(ResourceType Type, JsonObject Object)> Dependents(string ownerUid) =>
        _store.All().Where(p => (p.Object["metadata"]?["ownerReferences"] as JsonArray)?.Any(r => Meta.Str(r?["uid"]) == ownerUid) == true).ToList();

    /// <summary>Background cascading: objects whose owners are all gone are deleted; Foreground owners wait for their dependents.</summary>
    private void CollectGarbage()
    {
        var all = _store.All();
        var uids = all.Select(p => Meta.Uid(p.Object)).ToHashSet(StringComparer.Ordinal);
        foreach (var (type, obj) in all)
        {
            if (obj["metadata"]?["ownerReferences"] is JsonArray { Count: > 0 } refs &&
                refs.All(r => !uids.Contains(Meta.Str(r?["uid"]) ?? "")))
            {
                Delete(type, obj, "Background");
                continue;
            }
            var finalizers = obj["metadata"]?["finalizers"] as JsonArray;
            if (Meta.IsDeleting(obj) && finalizers?.Any(f => Meta.Str(f) == "foregroundDeletion") == true)
            {
                var uid = Meta.Uid(obj);
                var dependents = all.Where(p => (p.Object["metadata"]?["ownerReferences"] as JsonArray)?.Any(r => Meta.Str(r?["uid"]) == uid) == true).ToList();
                if (dependents.Count == 0)
                {
                    var remaining = _store.Mutate(type, Meta.Namespace(obj), Meta.Name(obj), o =>
                    {
                        var f = (JsonArray)o["metadata"]!["finalizers"]!;
                        foreach (var x in f.Where(x => Meta.Str(x) == "foregroundDeletion").ToList()) f.Remove(x);
                        if (f.Count == 0) Meta.Of(o).Remove("finalizers");
                    });
                    if (remaining?["metadata"]?["finalizers"] is null) Remove(type, obj);
                }
                else
                {
                    foreach (var (dt, d) in dependents.Where(d => !Meta.IsDeleting(d.Object))) Delete(dt, d, "Foreground");
                }
            }
        }
    }

    /// <summary>Terminating namespaces lose all their content, then disappear.</summary>
    private void TerminateNamespaces()
    {
        foreach (var ns in _store.List(ResourceTypes.Namespace, null).Where(Meta.IsDeleting))
        {
            var name = Meta.Name(ns);
            var left = 0;
            foreach (var type in ResourceTypes.All.Where(t => t.Namespaced))
                foreach (var obj in _store.List(type, name))
                {
                    left++;
                    if (obj["metadata"]?["finalizers"] is JsonArray { Count: > 0 })
                    {
                        if (!Meta.IsDeleting(obj)) _store.Mutate(type, name, Meta.Name(obj), o => Meta.Of(o)["deletionTimestamp"] = Meta.Now());
                    }
                    else Remove(type, obj);
                }
            if (left == 0) _store.Remove(ResourceTypes.Namespace, null, name);
        }
    }

    private static JsonObject Condition(string type, string status, string? reason, string? message, JsonObject? previous)
    {
        var now = Meta.Now();
        var c = new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastProbeTime"] = now,
            ["lastTransitionTime"] = now,
        };
        if (reason is not null) c["reason"] = reason;
        if (message is not null) c["message"] = message;
        if (previous is not null && Meta.Str(previous["status"]) == status)
        {
            c["lastTransitionTime"] = previous["lastTransitionTime"]?.DeepClone();
            c["lastProbeTime"] = previous["lastProbeTime"]?.DeepClone();
        }
        return c;
    }

    private static JsonObject? FindCondition(JsonObject obj, string type) =>
        (obj["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => Meta.Str(c["type"]) == type);

    private List<JsonObject> Owned(ResourceType type, string? ns, string ownerUid) =>
        _store.List(type, ns).Where(o => Meta.ControllerUid(o) == ownerUid).ToList();

    /// <summary>A pod from a template, owned by <paramref name="owner"/>.</summary>
    private JsonObject? CreatePod(ResourceType ownerType, JsonObject owner, JsonObject template, string namePrefix, JsonObject? extraLabels = null)
    {
        var meta = template["metadata"]?.DeepClone() as JsonObject ?? [];
        meta.Remove("name");
        meta.Remove("creationTimestamp");
        meta["generateName"] = namePrefix + "-";
        meta["name"] = namePrefix + "-" + Meta.RandomSuffix(5);
        meta["namespace"] = Meta.Namespace(owner);
        if (extraLabels is not null)
        {
            var labels = meta["labels"] as JsonObject ?? [];
            foreach (var (k, v) in extraLabels) labels[k] = v?.DeepClone();
            meta["labels"] = labels;
        }
        meta["ownerReferences"] = new JsonArray(Meta.OwnerReference(ownerType, owner));
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = meta,
            ["spec"] = template["spec"]?.DeepClone(),
        };
        Defaults.Apply(ResourceTypes.Pod, pod);
        return _store.Create(ResourceTypes.Pod, pod);
    }

    private static bool PodReady(JsonObject pod) =>
        Meta.Str(pod["status"]?["phase"]) == "Running" &&
        (pod["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().Any(c => Meta.Str(c["type"]) == "Ready" && Meta.Str(c["status"]) == "True") == true;

    private static string Phase(JsonObject pod) => Meta.Str(pod["status"]?["phase"]) ?? "Pending";
}
