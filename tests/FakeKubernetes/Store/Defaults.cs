using System.Text;
using System.Text.Json.Nodes;

namespace FakeKubernetes;

/// <summary>Server-side defaulting (only fields that exist in v1.25, so read-modify-write stays valid for old clusters too).</summary>
internal static class Defaults
{
    private static int _nextIp = 10;

    public static void Apply(ResourceType type, JsonObject obj)
    {
        var spec = obj["spec"] as JsonObject;
        if (type == ResourceTypes.Namespace)
        {
            obj["spec"] ??= new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
            obj["status"] = new JsonObject { ["phase"] = "Active" };
            SetLabel(obj, "kubernetes.io/metadata.name", Meta.Name(obj));
        }
        else if (type == ResourceTypes.Secret)
        {
            obj["type"] ??= "Opaque";
            if (obj["stringData"] is JsonObject stringData)
            {
                var data = obj["data"] as JsonObject ?? [];
                foreach (var (k, v) in stringData) data[k] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Meta.Str(v) ?? ""));
                obj["data"] = data;
                obj.Remove("stringData");
            }
        }
        else if (type == ResourceTypes.Pod && spec is not null)
        {
            PodSpec(spec, "Always");
        }
        else if (type == ResourceTypes.Job && spec is not null)
        {
            Job(obj, spec);
        }
        else if (type == ResourceTypes.CronJob && spec is not null)
        {
            spec["concurrencyPolicy"] ??= "Allow";
            spec["suspend"] ??= false;
            spec["successfulJobsHistoryLimit"] ??= 3;
            spec["failedJobsHistoryLimit"] ??= 1;
            if (spec["jobTemplate"]?["spec"]?["template"]?["spec"] is JsonObject ps) PodSpec(ps, "Never");
        }
        else if ((type == ResourceTypes.Deployment || type == ResourceTypes.ReplicaSet) && spec is not null)
        {
            spec["replicas"] ??= 1;
            if (type == ResourceTypes.Deployment)
            {
                spec["revisionHistoryLimit"] ??= 10;
                spec["progressDeadlineSeconds"] ??= 600;
                spec["strategy"] ??= new JsonObject
                {
                    ["type"] = "RollingUpdate",
                    ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = "25%", ["maxSurge"] = "25%" },
                };
            }
            if (spec["template"]?["spec"] is JsonObject ps) PodSpec(ps, "Always");
        }
        else if (type == ResourceTypes.Service && spec is not null)
        {
            spec["type"] ??= "ClusterIP";
            spec["sessionAffinity"] ??= "None";
            if (Meta.Str(spec["type"]) != "ExternalName" && spec["clusterIP"] is null)
            {
                var n = Interlocked.Increment(ref _nextIp);
                var ip = $"10.96.{n / 250 % 250}.{n % 250 + 1}";
                spec["clusterIP"] = ip;
                spec["clusterIPs"] = new JsonArray(ip);
                spec["ipFamilies"] = new JsonArray("IPv4");
                spec["ipFamilyPolicy"] = "SingleStack";
            }
            spec["internalTrafficPolicy"] ??= "Cluster";
            if (spec["ports"] is JsonArray ports)
                foreach (var p in ports.OfType<JsonObject>())
                {
                    p["protocol"] ??= "TCP";
                    p["targetPort"] ??= p["port"]?.DeepClone();
                }
            obj["status"] ??= new JsonObject { ["loadBalancer"] = new JsonObject() };
        }
    }

    private static void Job(JsonObject obj, JsonObject spec)
    {
        spec["parallelism"] ??= 1;
        spec["completions"] ??= 1;
        spec["backoffLimit"] ??= 6;
        spec["completionMode"] ??= "NonIndexed";
        spec["suspend"] ??= false;
        var uid = Meta.Uid(obj);
        var name = Meta.Name(obj);
        var manual = spec["manualSelector"] is JsonValue m && m.TryGetValue<bool>(out var b) && b;
        if (!manual && spec["selector"] is null)
            spec["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["batch.kubernetes.io/controller-uid"] = uid } };
        if (spec["template"] is JsonObject template)
        {
            var meta = template["metadata"] as JsonObject ?? [];
            template["metadata"] = meta;
            var labels = meta["labels"] as JsonObject ?? [];
            meta["labels"] = labels;
            if (!manual)
            {
                labels["batch.kubernetes.io/controller-uid"] ??= uid;
                labels["batch.kubernetes.io/job-name"] ??= name;
                labels["controller-uid"] ??= uid;
                labels["job-name"] ??= name;
            }
            if (template["spec"] is JsonObject ps) PodSpec(ps, "Never");
        }
    }

    /// <summary>Pod spec defaults; <paramref name="restartPolicy"/> applies only when unset (Jobs must set theirs, validated before).</summary>
    public static void PodSpec(JsonObject spec, string restartPolicy)
    {
        spec["restartPolicy"] ??= restartPolicy;
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["securityContext"] ??= new JsonObject();
        spec["schedulerName"] ??= "default-scheduler";
        foreach (var list in new[] { "containers", "initContainers" })
            if (spec[list] is JsonArray containers)
                foreach (var c in containers.OfType<JsonObject>())
                {
                    c["terminationMessagePath"] ??= "/dev/termination-log";
                    c["terminationMessagePolicy"] ??= "File";
                    var image = Meta.Str(c["image"]) ?? "";
                    var tagged = image.Contains('@', StringComparison.Ordinal) || (image.LastIndexOf(':') > image.LastIndexOf('/') && !image.EndsWith(":latest", StringComparison.Ordinal));
                    c["imagePullPolicy"] ??= tagged ? "IfNotPresent" : "Always";
                    c["resources"] ??= new JsonObject();
                    if (c["ports"] is JsonArray ports)
                        foreach (var p in ports.OfType<JsonObject>()) p["protocol"] ??= "TCP";
                }
    }

    public static void SetLabel(JsonObject obj, string key, string value)
    {
        var meta = Meta.Of(obj);
        var labels = meta["labels"] as JsonObject ?? [];
        meta["labels"] = labels;
        labels[key] = value;
    }
}
