using System.Text.Json.Nodes;

namespace FakeKubernetes;

/// <summary>Legacy (unaggregated) discovery documents: /api, /api/v1, /apis, /apis/{group}[/{version}], /version.</summary>
internal static class Discovery
{
    private static readonly string[] ItemVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static JsonObject Version(FakeApiServerOptions options)
    {
        var v = options.KubernetesVersion.TrimStart('v').Split('.');
        return new JsonObject
        {
            ["major"] = v[0],
            ["minor"] = v.Length > 1 ? v[1] : "0",
            ["gitVersion"] = options.KubernetesVersion,
            ["gitCommit"] = "fake",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2026-01-01T00:00:00Z",
            ["goVersion"] = "go1.23",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        };
    }

    public static JsonObject? Document(string[] s, FakeApiServerOptions options)
    {
        _ = options;
        if (s.Length == 0)
        {
            var paths = new JsonArray("/api", "/api/v1", "/apis", "/version", "/openapi/v3");
            foreach (var (g, v) in ResourceTypes.GroupVersions.Where(gv => gv.Group.Length > 0))
            {
                paths.Add($"/apis/{g}");
                paths.Add($"/apis/{g}/{v}");
            }
            return new JsonObject { ["paths"] = paths };
        }
        if (s[0] == "api")
        {
            if (s.Length == 1)
                return new JsonObject
                {
                    ["kind"] = "APIVersions",
                    ["versions"] = new JsonArray("v1"),
                    ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = "127.0.0.1:443" }),
                };
            return s[1] == "v1" ? ResourceList("", "v1") : null;
        }
        var groups = ResourceTypes.GroupVersions.Where(gv => gv.Group.Length > 0).ToList();
        if (s.Length == 1)
            return new JsonObject
            {
                ["kind"] = "APIGroupList",
                ["apiVersion"] = "v1",
                ["groups"] = new JsonArray(groups.Select(gv => (JsonNode)Group(gv.Group, gv.Version)).ToArray()),
            };
        var match = groups.FirstOrDefault(gv => gv.Group == s[1]);
        if (match.Group is null) return null;
        if (s.Length == 2)
        {
            var g = Group(match.Group, match.Version);
            g["kind"] = "APIGroup";
            g["apiVersion"] = "v1";
            return g;
        }
        return s[2] == match.Version ? ResourceList(match.Group, match.Version) : null;
    }

    private static JsonObject Group(string group, string version)
    {
        var gv = new JsonObject { ["groupVersion"] = $"{group}/{version}", ["version"] = version };
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = new JsonArray(gv),
            ["preferredVersion"] = gv.DeepClone(),
        };
    }

    private static JsonObject ResourceList(string group, string version)
    {
        var resources = new JsonArray();
        foreach (var t in ResourceTypes.All.Where(t => t.Group == group && t.Version == version))
        {
            var r = new JsonObject
            {
                ["name"] = t.Plural,
                ["singularName"] = t.Singular,
                ["namespaced"] = t.Namespaced,
                ["kind"] = t.Kind,
                ["verbs"] = new JsonArray(ItemVerbs.Where(v => t != ResourceTypes.Namespace || v != "deletecollection").Select(v => (JsonNode)v).ToArray()),
            };
            if (t.ShortNames.Length > 0) r["shortNames"] = new JsonArray(t.ShortNames.Select(n => (JsonNode)n).ToArray());
            if (t == ResourceTypes.Pod || t == ResourceTypes.Service || t == ResourceTypes.Job || t == ResourceTypes.CronJob || t == ResourceTypes.Deployment || t == ResourceTypes.ReplicaSet)
                r["categories"] = new JsonArray("all");
            resources.Add(r);
            if (t.HasStatus)
                resources.Add(new JsonObject { ["name"] = t.Plural + "/status", ["singularName"] = "", ["namespaced"] = t.Namespaced, ["kind"] = t.Kind, ["verbs"] = new JsonArray("get", "patch", "update") });
            if (t.HasScale)
                resources.Add(new JsonObject { ["name"] = t.Plural + "/scale", ["singularName"] = "", ["namespaced"] = true, ["group"] = "autoscaling", ["version"] = "v1", ["kind"] = "Scale", ["verbs"] = new JsonArray("get", "patch", "update") });
            if (t == ResourceTypes.Pod)
                resources.Add(new JsonObject { ["name"] = "pods/log", ["singularName"] = "", ["namespaced"] = true, ["kind"] = "Pod", ["verbs"] = new JsonArray("get") });
            if (t == ResourceTypes.ServiceAccount)
                resources.Add(new JsonObject { ["name"] = "serviceaccounts/token", ["singularName"] = "", ["namespaced"] = true, ["group"] = "authentication.k8s.io", ["version"] = "v1", ["kind"] = "TokenRequest", ["verbs"] = new JsonArray("create") });
            if (t == ResourceTypes.Namespace)
                resources.Add(new JsonObject { ["name"] = "namespaces/finalize", ["singularName"] = "", ["namespaced"] = false, ["kind"] = "Namespace", ["verbs"] = new JsonArray("update") });
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }
}
