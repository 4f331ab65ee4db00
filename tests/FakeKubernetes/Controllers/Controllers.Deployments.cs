using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FakeKubernetes;

internal sealed partial class Controllers
{
    private const string RevisionKey = "deployment.kubernetes.io/revision";
    private const string HashKey = "pod-template-hash";
    private readonly Dictionary<string, (string Signature, DateTime Since)> _progress = [];

    private static JsonObject TemplateWithoutHash(JsonNode? template)
    {
        var t = template?.DeepClone() as JsonObject ?? [];
        if (t["metadata"]?["labels"] is JsonObject labels) labels.Remove(HashKey);
        return t;
    }

    private static string TemplateHash(JsonObject template)
    {
        // FNV-1a over the canonical JSON, rendered with the safe alphabet like the controller's ComputeHash.
        var bytes = Encoding.UTF8.GetBytes(template.ToJsonString());
        uint hash = 2166136261;
        foreach (var b in bytes) hash = (hash ^ b) * 16777619;
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var sb = new StringBuilder();
        var n = (ulong)hash;
        do
        {
            sb.Append(alphabet[(int)(n % (ulong)alphabet.Length)]);
            n /= (ulong)alphabet.Length;
        } while (n > 0);
        return sb.ToString();
    }

    private static long Revision(JsonObject rs) =>
        long.TryParse(Meta.Annotation(rs, RevisionKey), CultureInfo.InvariantCulture, out var r) ? r : 0;

    private DateTime ReconcileDeployments(DateTime now)
    {
        var due = now.AddSeconds(1);
        foreach (var d in _store.List(ResourceTypes.Deployment, null))
        {
            if (Meta.IsDeleting(d)) continue;
            var ns = Meta.Namespace(d);
            var name = Meta.Name(d);
            var uid = Meta.Uid(d);
            var spec = d["spec"] as JsonObject ?? [];
            var replicas = Meta.Long(spec["replicas"]) ?? 1;
            var paused = spec["paused"] is JsonValue pv && pv.TryGetValue<bool>(out var p) && p;
            var owned = Owned(ResourceTypes.ReplicaSet, ns, uid);
            var template = TemplateWithoutHash(spec["template"]);
            var newRs = owned.FirstOrDefault(rs => JsonNode.DeepEquals(TemplateWithoutHash(rs["spec"]?["template"]), template));
            var maxRevision = owned.Select(Revision).DefaultIfEmpty(0).Max();
            var created = false;
            if (newRs is null && !paused)
            {
                var hash = TemplateHash(template);
                var rsTemplate = template.DeepClone().AsObject();
                var tmeta = rsTemplate["metadata"] as JsonObject ?? [];
                rsTemplate["metadata"] = tmeta;
                var labels = tmeta["labels"] as JsonObject ?? [];
                tmeta["labels"] = labels;
                labels[HashKey] = hash;
                var selector = spec["selector"]?.DeepClone() as JsonObject ?? [];
                var matchLabels = selector["matchLabels"] as JsonObject ?? [];
                matchLabels[HashKey] = hash;
                selector["matchLabels"] = matchLabels;
                var annotations = new JsonObject
                {
                    ["deployment.kubernetes.io/desired-replicas"] = replicas.ToString(CultureInfo.InvariantCulture),
                    ["deployment.kubernetes.io/max-replicas"] = (replicas + (long)Math.Ceiling(replicas * 0.25)).ToString(CultureInfo.InvariantCulture),
                    [RevisionKey] = (maxRevision + 1).ToString(CultureInfo.InvariantCulture),
                };
                foreach (var (k, v) in d["metadata"]?["annotations"] as JsonObject ?? [])
                    if (k != RevisionKey && k != "kubectl.kubernetes.io/last-applied-configuration" && !k.StartsWith("deployment.kubernetes.io/", StringComparison.Ordinal))
                        annotations[k] = v?.DeepClone();
                var rs = new JsonObject
                {
                    ["apiVersion"] = "apps/v1",
                    ["kind"] = "ReplicaSet",
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = $"{name}-{hash}",
                        ["namespace"] = ns,
                        ["labels"] = labels.DeepClone(),
                        ["annotations"] = annotations,
                        ["ownerReferences"] = new JsonArray(Meta.OwnerReference(ResourceTypes.Deployment, d)),
                    },
                    ["spec"] = new JsonObject { ["replicas"] = replicas, ["selector"] = selector, ["template"] = rsTemplate },
                };
                newRs = _store.Create(ResourceTypes.ReplicaSet, rs);
                created = true;
                maxRevision++;
            }
            else if (newRs is not null && Revision(newRs) < maxRevision && !paused)
            {
                // Rollback: the matching old ReplicaSet becomes the new one with the next revision number.
                var oldRevision = Revision(newRs);
                var next = (maxRevision + 1).ToString(CultureInfo.InvariantCulture);
                newRs = _store.Mutate(ResourceTypes.ReplicaSet, ns, Meta.Name(newRs), o =>
                {
                    var a = Meta.Of(o)["annotations"] as JsonObject ?? [];
                    a[RevisionKey] = next;
                    var history = Meta.Str(a["deployment.kubernetes.io/revision-history"]);
                    a["deployment.kubernetes.io/revision-history"] = history is null ? oldRevision.ToString(CultureInfo.InvariantCulture) : $"{history},{oldRevision}";
                    Meta.Of(o)["annotations"] = a;
                });
                maxRevision++;
            }
            if (newRs is null) continue;
            var newName = Meta.Name(newRs);
            var olds = owned.Where(rs => Meta.Name(rs) != newName).ToList();
            var target = replicas;
            // Recreate (and every rollout under the process kubelet, whose pods share the host's ports): old pods go
            // first, the new ReplicaSet scales up only once they are gone.
            if (!paused && (Meta.Str(spec["strategy"]?["type"]) == "Recreate" || _options.Kubelet == KubeletMode.Process))
            {
                foreach (var old in olds.Where(o => (Meta.Long(o["spec"]?["replicas"]) ?? 0) > 0))
                    _store.Mutate(ResourceTypes.ReplicaSet, ns, Meta.Name(old), o => o["spec"]!["replicas"] = 0);
                if (olds.Any(o => Owned(ResourceTypes.Pod, ns, Meta.Uid(o)).Count > 0)) target = 0;
            }
            if (!paused && Meta.Long(newRs["spec"]?["replicas"]) != target)
                newRs = _store.Mutate(ResourceTypes.ReplicaSet, ns, newName, o => o["spec"]!["replicas"] = target) ?? newRs;
            var newAvailable = Meta.Long(newRs["status"]?["availableReplicas"]) ?? 0;
            if (!paused && newAvailable >= replicas)
                foreach (var old in olds.Where(o => (Meta.Long(o["spec"]?["replicas"]) ?? 0) > 0))
                    _store.Mutate(ResourceTypes.ReplicaSet, ns, Meta.Name(old), o => o["spec"]!["replicas"] = 0);
            // Keep only revisionHistoryLimit old ReplicaSets (scaled to zero).
            var limit = Meta.Long(spec["revisionHistoryLimit"]) ?? 10;
            var idle = olds.Where(o => (Meta.Long(o["spec"]?["replicas"]) ?? 0) == 0 && (Meta.Long(o["status"]?["replicas"]) ?? 0) == 0)
                .OrderBy(Revision).ToList();
            foreach (var extra in idle.Take(Math.Max(0, idle.Count - (int)limit))) Delete(ResourceTypes.ReplicaSet, extra, "Background");

            owned = Owned(ResourceTypes.ReplicaSet, ns, uid);
            newRs = owned.FirstOrDefault(r => Meta.Name(r) == newName) ?? newRs;
            long Sum(string field) => owned.Sum(r => Meta.Long(r["status"]?[field]) ?? 0);
            var total = Sum("replicas");
            var updated = Meta.Long(newRs["status"]?["replicas"]) ?? 0;
            var ready = Sum("readyReplicas");
            var available = Sum("availableReplicas");
            var maxUnavailable = MaxUnavailable(spec, replicas);
            var status = new JsonObject
            {
                ["observedGeneration"] = Meta.Long(d["metadata"]?["generation"]) ?? 1,
                ["replicas"] = total,
                ["updatedReplicas"] = updated,
                ["readyReplicas"] = ready,
                ["availableReplicas"] = available,
            };
            if (replicas - available > 0 || total - available > 0) status["unavailableReplicas"] = Math.Max(replicas, total) - available;
            foreach (var key in new[] { "readyReplicas", "availableReplicas", "updatedReplicas", "replicas" })
                if (Meta.Long(status[key]) == 0) status.Remove(key);

            var oldAvailable = FindCondition(d, "Available");
            var isAvailable = available >= replicas - maxUnavailable;
            var availableCondition = isAvailable
                ? Condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", oldAvailable)
                : Condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", oldAvailable);
            var oldProgressing = FindCondition(d, "Progressing");
            var complete = updated == replicas && available >= replicas && total == updated;
            var signature = $"{newName}|{total}|{updated}|{ready}|{available}";
            if (!_progress.TryGetValue(uid, out var progress) || progress.Signature != signature) _progress[uid] = progress = (signature, now);
            JsonObject progressing;
            var deadlineSeconds = Meta.Long(spec["progressDeadlineSeconds"]) ?? 600;
            if (paused) progressing = Condition("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", oldProgressing);
            else if (complete) progressing = Condition("Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{newName}\" has successfully progressed.", oldProgressing);
            else if (Meta.Str(oldProgressing?["reason"]) == "ProgressDeadlineExceeded" && Meta.Str(oldProgressing?["message"])?.Contains(newName, StringComparison.Ordinal) == true)
                progressing = oldProgressing!.DeepClone().AsObject();
            else if (now >= progress.Since.AddSeconds(deadlineSeconds))
                progressing = Condition("Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{newName}\" has timed out progressing.", oldProgressing);
            else
            {
                var reason = created ? "NewReplicaSetCreated" : "ReplicaSetUpdated";
                var message = created ? $"Created new replica set \"{newName}\"" : $"ReplicaSet \"{newName}\" is progressing.";
                progressing = Condition("Progressing", "True", reason, message, oldProgressing);
                var deadlineAt = progress.Since.AddSeconds(deadlineSeconds);
                if (deadlineAt < due) due = deadlineAt;
            }
            // lastUpdateTime moves only when the condition's reason/message changes (keeps writes idempotent).
            progressing["lastUpdateTime"] = oldProgressing is not null && Meta.Str(oldProgressing["reason"]) == Meta.Str(progressing["reason"]) && Meta.Str(oldProgressing["message"]) == Meta.Str(progressing["message"])
                ? oldProgressing["lastUpdateTime"]?.DeepClone() : Meta.Now();
            availableCondition["lastUpdateTime"] = oldAvailable is not null && Meta.Str(oldAvailable["status"]) == Meta.Str(availableCondition["status"])
                ? oldAvailable["lastUpdateTime"]?.DeepClone() : Meta.Now();
            foreach (var c in new[] { progressing, availableCondition }) c.Remove("lastProbeTime");
            status["conditions"] = new JsonArray(availableCondition, progressing);

            var revision = Revision(newRs).ToString(CultureInfo.InvariantCulture);
            if (!JsonNode.DeepEquals(status, d["status"]) || Meta.Annotation(d, RevisionKey) != revision)
                _store.Mutate(ResourceTypes.Deployment, ns, name, o =>
                {
                    o["status"] = status;
                    var a = Meta.Of(o)["annotations"] as JsonObject ?? [];
                    a[RevisionKey] = revision;
                    Meta.Of(o)["annotations"] = a;
                });
        }
        return due;
    }

    private static long MaxUnavailable(JsonObject spec, long replicas)
    {
        var value = spec["strategy"]?["rollingUpdate"]?["maxUnavailable"];
        if (Meta.Str(spec["strategy"]?["type"]) == "Recreate") return replicas;
        if (Meta.Long(value) is { } n) return n;
        var text = Meta.Str(value) ?? "25%";
        return text.EndsWith('%') && long.TryParse(text.TrimEnd('%'), CultureInfo.InvariantCulture, out var pct) ? replicas * pct / 100 : 0;
    }

    private void ReconcileReplicaSets()
    {
        foreach (var rs in _store.List(ResourceTypes.ReplicaSet, null))
        {
            if (Meta.IsDeleting(rs)) continue;
            var ns = Meta.Namespace(rs);
            var name = Meta.Name(rs);
            var replicas = Meta.Long(rs["spec"]?["replicas"]) ?? 1;
            var pods = Owned(ResourceTypes.Pod, ns, Meta.Uid(rs)).Where(p => !Meta.IsDeleting(p) && Phase(p) is not ("Succeeded" or "Failed")).ToList();
            if (pods.Count < replicas && rs["spec"]?["template"] is JsonObject template)
                for (var i = pods.Count; i < replicas; i++)
                    if (CreatePod(ResourceTypes.ReplicaSet, rs, template, name) is { } pod) pods.Add(pod);
            if (pods.Count > replicas)
                foreach (var extra in pods.OrderBy(PodReady).ThenByDescending(p => Meta.Str(p["metadata"]?["creationTimestamp"])).Take(pods.Count - (int)replicas).ToList())
                {
                    Delete(ResourceTypes.Pod, extra, "Background");
                    pods.Remove(extra);
                }
            var ready = pods.Count(PodReady);
            var status = new JsonObject
            {
                ["replicas"] = pods.Count,
                ["fullyLabeledReplicas"] = pods.Count,
                ["readyReplicas"] = ready,
                ["availableReplicas"] = ready,
                ["observedGeneration"] = Meta.Long(rs["metadata"]?["generation"]) ?? 1,
            };
            foreach (var key in new[] { "fullyLabeledReplicas", "readyReplicas", "availableReplicas" })
                if (Meta.Long(status[key]) == 0) status.Remove(key);
            if (!JsonNode.DeepEquals(status, rs["status"])) _store.Mutate(ResourceTypes.ReplicaSet, ns, name, o => o["status"] = status);
        }
    }
}
