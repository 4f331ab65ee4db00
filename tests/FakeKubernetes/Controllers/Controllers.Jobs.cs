using System.Text.Json.Nodes;

namespace FakeKubernetes;

internal sealed partial class Controllers
{
    private readonly Dictionary<string, DateTime> _lastPodFailure = [];

    private static bool IsFinished(JsonObject job) =>
        new[] { "Complete", "Failed" }.Any(t => Meta.Str(FindCondition(job, t)?["status"]) == "True");

    private DateTime ReconcileJobs(DateTime now)
    {
        var due = now.AddSeconds(1);
        foreach (var job in _store.List(ResourceTypes.Job, null))
        {
            if (Meta.IsDeleting(job)) continue;
            var ns = Meta.Namespace(job);
            var name = Meta.Name(job);
            var uid = Meta.Uid(job);
            var spec = job["spec"] as JsonObject ?? [];
            var pods = Owned(ResourceTypes.Pod, ns, uid);
            if (IsFinished(job))
            {
                if (Meta.Long(spec["ttlSecondsAfterFinished"]) is { } ttl)
                {
                    var finished = Meta.ParseTime(job["status"]?["completionTime"]) ?? Meta.ParseTime(FindCondition(job, "Failed")?["lastTransitionTime"]) ?? now;
                    var deleteAt = finished.AddSeconds(ttl);
                    if (now >= deleteAt) Delete(ResourceTypes.Job, job, "Background");
                    else if (deleteAt < due) due = deleteAt;
                }
                continue;
            }
            var suspended = spec["suspend"] is JsonValue s && s.TryGetValue<bool>(out var sv) && sv;
            var active = pods.Where(p => Phase(p) is "Pending" or "Running" && !Meta.IsDeleting(p)).ToList();
            var succeeded = pods.Count(p => Phase(p) == "Succeeded");
            var failed = pods.Count(p => Phase(p) == "Failed");
            var completions = Meta.Long(spec["completions"]) ?? 1;
            var parallelism = Meta.Long(spec["parallelism"]) ?? 1;
            var backoffLimit = Meta.Long(spec["backoffLimit"]) ?? 6;
            var status = job["status"] as JsonObject ?? [];
            var startTime = Meta.ParseTime(status["startTime"]);
            var conditions = new List<JsonObject>();
            string? finishedAs = null;
            if (suspended)
            {
                foreach (var p in active) Delete(ResourceTypes.Pod, p, "Background");
                active.Clear();
                conditions.Add(Condition("Suspended", "True", "JobSuspended", "Job suspended", FindCondition(job, "Suspended")));
                startTime = null;
            }
            else
            {
                startTime ??= now;
                if (FindCondition(job, "Suspended") is { } wasSuspended)
                    conditions.Add(Condition("Suspended", "False", "JobResumed", "Job resumed", wasSuspended));
                var deadline = Meta.Long(spec["activeDeadlineSeconds"]);
                if (deadline is { } d && now >= startTime.Value.AddSeconds(d))
                {
                    finishedAs = "DeadlineExceeded";
                }
                else if (failed > backoffLimit)
                {
                    finishedAs = "BackoffLimitExceeded";
                }
                else if (succeeded >= completions)
                {
                    finishedAs = "Complete";
                }
                else
                {
                    if (deadline is { } dd && startTime.Value.AddSeconds(dd) < due) due = startTime.Value.AddSeconds(dd);
                    var lastFailure = pods.Where(p => Phase(p) == "Failed")
                        .Select(p => Meta.ParseTime(p["status"]?["containerStatuses"]?[0]?["state"]?["terminated"]?["finishedAt"]) ?? now)
                        .DefaultIfEmpty(DateTime.MinValue).Max();
                    if (!_lastPodFailure.TryGetValue(uid, out var seen) || seen < lastFailure) _lastPodFailure[uid] = lastFailure == DateTime.MinValue ? DateTime.MinValue : now;
                    var retryAt = _lastPodFailure[uid] == DateTime.MinValue ? DateTime.MinValue : _lastPodFailure[uid] + _options.JobRetryDelay;
                    var wanted = Math.Min(parallelism, completions - succeeded) - active.Count;
                    if (wanted > 0 && now < retryAt)
                    {
                        if (retryAt < due) due = retryAt;
                    }
                    else
                    {
                        for (var i = 0; i < wanted; i++)
                        {
                            if (job["spec"]?["template"] is not JsonObject template) break;
                            var pod = CreatePod(ResourceTypes.Job, job, template, name);
                            if (pod is not null) active.Add(pod);
                        }
                    }
                }
            }
            if (finishedAs is not null)
            {
                foreach (var p in active) Delete(ResourceTypes.Pod, p, "Background");
                active.Clear();
                if (finishedAs == "Complete")
                {
                    conditions.Add(Condition("SuccessCriteriaMet", "True", "CompletionsReached", "Reached expected number of succeeded pods", null));
                    conditions.Add(Condition("Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods", null));
                }
                else
                {
                    var message = finishedAs == "DeadlineExceeded" ? "Job was active longer than specified deadline" : "Job has reached the specified backoff limit";
                    conditions.Add(Condition("FailureTarget", "True", finishedAs, message, null));
                    conditions.Add(Condition("Failed", "True", finishedAs, message, null));
                }
                _lastPodFailure.Remove(uid);
            }
            var newStatus = new JsonObject();
            if (conditions.Count > 0) newStatus["conditions"] = new JsonArray(conditions.Select(c => (JsonNode)c).ToArray());
            if (startTime is { } st) newStatus["startTime"] = Meta.ParseTime(status["startTime"]) is not null ? status["startTime"]!.DeepClone() : Meta.Format(st);
            if (finishedAs == "Complete") newStatus["completionTime"] = Meta.Now();
            if (active.Count > 0) newStatus["active"] = active.Count;
            if (succeeded > 0) newStatus["succeeded"] = succeeded;
            if (failed > 0) newStatus["failed"] = failed;
            newStatus["ready"] = active.Count(PodReady);
            newStatus["uncountedTerminatedPods"] = new JsonObject();
            if (!JsonNode.DeepEquals(newStatus, job["status"]))
                _store.Mutate(ResourceTypes.Job, ns, name, j => j["status"] = newStatus);
        }
        return due;
    }

    /// <summary>Keeps CronJob status.active in step with its Jobs (removes finished or deleted ones).</summary>
    private void ReconcileCronJobs()
    {
        foreach (var cj in _store.List(ResourceTypes.CronJob, null))
        {
            if (cj["status"]?["active"] is not JsonArray active || active.Count == 0) continue;
            var ns = Meta.Namespace(cj);
            var keep = new JsonArray();
            DateTime? lastSuccess = null;
            foreach (var r in active.OfType<JsonObject>())
            {
                var job = _store.Get(ResourceTypes.Job, ns, Meta.Str(r["name"]) ?? "");
                if (job is null) continue;
                if (IsFinished(job))
                {
                    if (Meta.Str(FindCondition(job, "Complete")?["status"]) == "True") lastSuccess = DateTime.UtcNow;
                    continue;
                }
                keep.Add(r.DeepClone());
            }
            if (keep.Count == active.Count) continue;
            _store.Mutate(ResourceTypes.CronJob, ns, Meta.Name(cj), o =>
            {
                var status = o["status"] as JsonObject ?? [];
                if (keep.Count > 0) status["active"] = keep;
                else status.Remove("active");
                if (lastSuccess is { } t) status["lastSuccessfulTime"] = Meta.Format(t);
                o["status"] = status;
            });
        }
    }

    /// <summary><c>kubectl create job --from=cronjob/NAME</c>: a Job from the jobTemplate, owned by the CronJob.</summary>
    public JsonObject TriggerCronJob(string ns, string name, string? jobName)
    {
        var cj = _store.Get(ResourceTypes.CronJob, ns, name) ?? throw new InvalidOperationException($"CronJob {ns}/{name} does not exist.");
        var template = cj["spec"]?["jobTemplate"] as JsonObject ?? throw new InvalidOperationException($"CronJob {ns}/{name} has no jobTemplate.");
        var meta = template["metadata"]?.DeepClone() as JsonObject ?? [];
        meta["name"] = jobName ?? $"{name}-manual-{Meta.RandomSuffix(3)}";
        meta["namespace"] = ns;
        var annotations = meta["annotations"] as JsonObject ?? [];
        annotations["cronjob.kubernetes.io/instantiate"] = "manual";
        meta["annotations"] = annotations;
        meta["ownerReferences"] = new JsonArray(Meta.OwnerReference(ResourceTypes.CronJob, cj));
        meta["uid"] = Guid.NewGuid().ToString();
        var job = new JsonObject { ["apiVersion"] = "batch/v1", ["kind"] = "Job", ["metadata"] = meta, ["spec"] = template["spec"]?.DeepClone() };
        Defaults.Apply(ResourceTypes.Job, job);
        var created = _store.Create(ResourceTypes.Job, job) ?? throw new InvalidOperationException($"Job {ns}/{meta["name"]} already exists.");
        _store.Mutate(ResourceTypes.CronJob, ns, name, o =>
        {
            var status = o["status"] as JsonObject ?? [];
            var active = status["active"] as JsonArray ?? [];
            active.Add(new JsonObject
            {
                ["kind"] = "Job", ["namespace"] = ns, ["name"] = Meta.Name(created), ["uid"] = Meta.Uid(created),
                ["apiVersion"] = "batch/v1", ["resourceVersion"] = Meta.ResourceVersion(created),
            });
            status["active"] = active;
            status["lastScheduleTime"] = Meta.Now();
            o["status"] = status;
        });
        return created;
    }
}
