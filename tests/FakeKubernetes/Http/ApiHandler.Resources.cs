using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FakeKubernetes;

internal sealed partial class ApiHandler
{
    private static readonly string[] ServerMetadata = ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "managedFields", "selfLink", "resourceVersion"];

    private async Task HandleResourceAsync(HttpContext ctx, ApiRoute route, string verb, byte[] body, string user)
    {
        var type = route.Type!;
        var q = ctx.Request.Query;
        switch (route.Subresource)
        {
            case null:
                break;
            case "log" when type == ResourceTypes.Pod && verb == "get":
                await _kubelet.ServeLogAsync(ctx, route.Namespace!, route.Name!, Stopping).ConfigureAwait(false);
                return;
            case "status" when type.HasStatus:
            case "finalize" when type == ResourceTypes.Namespace:
                break;
            case "scale" when type.HasScale:
                await HandleScaleAsync(ctx, route, verb, body).ConfigureAwait(false);
                return;
            case "token" when type == ResourceTypes.ServiceAccount && verb == "create":
                await HandleTokenRequestAsync(ctx, route, body).ConfigureAwait(false);
                return;
            default:
                throw NotFoundPath();
        }

        var dryRun = q["dryRun"].Any(v => v == "All");
        var mode = ParseFieldValidation(q["fieldValidation"].ToString());
        var manager = q["fieldManager"].ToString();
        if (manager.Length == 0) manager = DefaultManager(ctx);
        JsonNode result;
        var code = 200;
        var warnings = new List<string>();
        switch (verb)
        {
            case "get":
                result = _store.Get(type, route.Namespace, route.Name!) ?? throw StatusObjects.NotFound(type, route.Name!);
                break;
            case "list":
                result = List(ctx, route);
                break;
            case "watch":
                await WatchAsync(ctx, route).ConfigureAwait(false);
                return;
            case "create" when route.Subresource is null:
                result = Create(route, ParseObject(body, type), mode, manager, dryRun, warnings);
                code = 201;
                break;
            case "update":
                result = Update(route, ParseObject(body, type), mode, manager, dryRun, warnings);
                break;
            case "patch":
            case "apply":
                (result, code) = Patch(ctx, route, body, mode, manager, dryRun, warnings);
                break;
            case "delete" when route.Subresource is null:
                result = Delete(ctx, type, route.Namespace, route.Name!, body, dryRun, warnings);
                break;
            case "deletecollection" when route.Subresource is null:
                result = DeleteCollection(ctx, route, body, dryRun, warnings);
                break;
            default:
                throw StatusObjects.MethodNotAllowed();
        }
        foreach (var w in warnings) AddWarning(ctx, w);
        await WriteJsonAsync(ctx, code, result).ConfigureAwait(false);
        _ = user;
    }

    private static FieldValidation ParseFieldValidation(string value) => value switch
    {
        "" or "Strict" => FieldValidation.Strict,
        "Warn" => FieldValidation.Warn,
        "Ignore" => FieldValidation.Ignore,
        _ => throw StatusObjects.BadRequest($"fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\", got \"{value}\""),
    };

    private static string DefaultManager(HttpContext ctx)
    {
        var agent = ctx.Request.Headers.UserAgent.ToString();
        var slash = agent.IndexOf('/', StringComparison.Ordinal);
        var name = slash > 0 ? agent[..slash] : agent;
        return name.Length == 0 ? "unknown" : name;
    }

    private static void CheckTypeMeta(ResourceType type, JsonObject obj, bool required)
    {
        var apiVersion = Meta.Str(obj["apiVersion"]);
        var kind = Meta.Str(obj["kind"]);
        if (required && (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind)))
            throw StatusObjects.BadRequest(string.IsNullOrEmpty(kind) ? "Object 'Kind' is missing in '" + obj.ToJsonString() + "'" : "Object 'apiVersion' is missing");
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != type.ApiVersion)
            throw StatusObjects.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
            throw StatusObjects.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
    }

    private static void CheckNamespace(ResourceType type, JsonObject obj, string? urlNamespace)
    {
        var meta = Meta.Of(obj);
        if (!type.Namespaced)
        {
            meta.Remove("namespace");
            return;
        }
        var bodyNs = Meta.Str(meta["namespace"]);
        if (!string.IsNullOrEmpty(bodyNs) && bodyNs != urlNamespace)
            throw StatusObjects.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        if (urlNamespace is null) throw StatusObjects.MethodNotAllowed();
        meta["namespace"] = urlNamespace;
    }

    private void RequireNamespace(ResourceType type, string? ns, string name)
    {
        if (!type.Namespaced || ns is null) return;
        var nsObj = _store.Get(ResourceTypes.Namespace, null, ns) ?? throw StatusObjects.NamespaceNotFound(ns);
        if (Meta.IsDeleting(nsObj))
            throw StatusObjects.Forbidden(type, name, $"unable to create new content in namespace {ns} because it is being terminated",
                new JsonArray(new JsonObject { ["reason"] = "NamespaceTerminating", ["message"] = $"namespace {ns} is being terminated", ["field"] = "metadata.namespace" }));
    }

    private static void StripServerFields(JsonObject obj)
    {
        var meta = Meta.Of(obj);
        foreach (var f in ServerMetadata) meta.Remove(f);
    }

    private JsonObject Create(ApiRoute route, JsonObject obj, FieldValidation mode, string manager, bool dryRun, List<string> warnings)
    {
        var type = route.Type!;
        Meta.RemoveNulls(obj);
        CheckTypeMeta(type, obj, required: false);
        CheckNamespace(type, obj, route.Namespace);
        var meta = Meta.Of(obj);
        if (Meta.Str(meta["resourceVersion"]) is { Length: > 0 })
            throw StatusObjects.BadRequest("resourceVersion should not be set on objects to be created");
        if (Meta.Name(obj).Length == 0 && Meta.Str(meta["generateName"]) is { Length: > 0 } prefix)
        {
            var max = type.NameRule == NameRule.Dns1123Subdomain ? 253 : 63;
            if (type == ResourceTypes.Job) max = 63;
            var trimmed = prefix.Length > max - 5 ? prefix[..(max - 5)] : prefix;
            meta["name"] = trimmed + Meta.RandomSuffix(5);
        }
        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
        RequireNamespace(type, route.Namespace, Meta.Name(obj));
        warnings.AddRange(ObjectValidator.Shared.ValidateRequest(type, obj, null, mode, _options.ValidateSchemas));
        return Store(type, obj, manager, dryRun, warnings, owned: obj.DeepClone().AsObject());
    }

    /// <summary>Stores a validated new object: server fields, defaults, status reset.</summary>
    private JsonObject Store(ResourceType type, JsonObject obj, string manager, bool dryRun, List<string> warnings, string? uid = null, JsonObject? owned = null)
    {
        StripServerFields(obj);
        if (type.HasStatus) obj.Remove("status");
        var meta = Meta.Of(obj);
        meta["uid"] = uid ?? Guid.NewGuid().ToString();
        meta["creationTimestamp"] = Meta.Now();
        Defaults.Apply(type, obj);
        if (dryRun)
        {
            if (_store.Get(type, Meta.Namespace(obj), Meta.Name(obj)) is not null) throw StatusObjects.AlreadyExists(type, Meta.Name(obj));
            if (type == ResourceTypes.Job || type == ResourceTypes.Deployment || type == ResourceTypes.ReplicaSet || type == ResourceTypes.CronJob) meta["generation"] = 1;
            return obj;
        }
        var created = _store.Create(type, obj) ?? throw StatusObjects.AlreadyExists(type, Meta.Name(obj));
        // The creator owns what it sent, not the server's defaults (apply already recorded its own fields).
        if (owned is not null) _ownership.RecordUpdate(Meta.Uid(created), manager, null, owned);
        _ = warnings;
        return created;
    }

    private JsonObject Update(ApiRoute route, JsonObject obj, FieldValidation mode, string manager, bool dryRun, List<string> warnings)
    {
        var type = route.Type!;
        Meta.RemoveNulls(obj);
        CheckTypeMeta(type, obj, required: false);
        if (Meta.Name(obj) is var bodyName && bodyName != route.Name)
            throw StatusObjects.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({route.Name})");
        CheckNamespace(type, obj, route.Namespace);
        var old = _store.Get(type, route.Namespace, route.Name!) ?? throw StatusObjects.NotFound(type, route.Name!);
        if (Meta.ResourceVersion(obj) is { Length: > 0 } rv && rv != Meta.ResourceVersion(old)) throw StatusObjects.StaleConflict(type, route.Name!);
        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
        JsonObject next;
        if (route.Subresource == "status")
        {
            next = old.DeepClone().AsObject();
            next["status"] = obj["status"]?.DeepClone();
        }
        else if (route.Subresource == "finalize")
        {
            next = old.DeepClone().AsObject();
            next["spec"] = obj["spec"]?.DeepClone();
        }
        else
        {
            warnings.AddRange(ObjectValidator.Shared.ValidateRequest(type, obj, old, mode, _options.ValidateSchemas));
            next = obj;
            StripServerFields(next);
            CopyServerFields(old, next);
            Defaults.Apply(type, next);
            if (type.HasStatus) next["status"] = old["status"]?.DeepClone();
            if (next["status"] is null) next.Remove("status");
        }
        return Save(type, old, next, manager, dryRun);
    }

    private static void CopyServerFields(JsonObject old, JsonObject next)
    {
        var meta = Meta.Of(next);
        var oldMeta = Meta.Of(old);
        foreach (var f in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "resourceVersion" })
            if (oldMeta[f] is { } v) meta[f] = v.DeepClone();
    }

    /// <summary>Writes a changed object; removes it when deletion is pending and the last finalizer is gone.</summary>
    private JsonObject Save(ResourceType type, JsonObject old, JsonObject next, string manager, bool dryRun)
    {
        if (dryRun) return next;
        var saved = _store.Replace(type, next);
        _ownership.RecordUpdate(Meta.Uid(saved), manager, old, saved);
        if (Meta.IsDeleting(saved) && (saved["metadata"]?["finalizers"] as JsonArray is null or { Count: 0 }) &&
            !(type == ResourceTypes.Namespace && saved["spec"]?["finalizers"] is JsonArray { Count: > 0 }))
            _store.Remove(type, Meta.Namespace(saved), Meta.Name(saved));
        return saved;
    }

    private (JsonNode Result, int Code) Patch(HttpContext ctx, ApiRoute route, byte[] body, FieldValidation mode, string manager, bool dryRun, List<string> warnings)
    {
        var type = route.Type!;
        var contentType = (ctx.Request.ContentType ?? "").Split(';')[0].Trim();
        var old = _store.Get(type, route.Namespace, route.Name!);
        var q = ctx.Request.Query;
        if (contentType == "application/apply-patch+yaml")
        {
            if (q["fieldManager"].ToString().Length == 0)
                throw new ApiException(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch",
                    new JsonObject
                    {
                        ["group"] = "meta.k8s.io", ["kind"] = "PatchOptions",
                        ["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueRequired", ["message"] = "Required value: is required for apply patch", ["field"] = "fieldManager" }),
                    });
            var force = q["force"] == "true";
            var intent = ParseObject(body, type);
            CheckTypeMeta(type, intent, required: true);
            if (Meta.Name(intent) != route.Name)
                throw StatusObjects.BadRequest(Meta.Name(intent).Length == 0 ? "metadata.name is required for apply" : $"the name of the object ({Meta.Name(intent)}) does not match the name on the URL ({route.Name})");
            CheckNamespace(type, intent, route.Namespace);
            if (route.Subresource is null)
                warnings.AddRange(ObjectValidator.Shared.ValidateRequest(type, intent, old, mode, _options.ValidateSchemas, checkRequired: false));
            if (old is null)
            {
                if (route.Subresource is not null) throw StatusObjects.NotFound(type, route.Name!);
                RequireNamespace(type, route.Namespace, route.Name!);
                var uid = Guid.NewGuid().ToString();
                var merged = _ownership.Apply(uid, type, null, intent, manager, force, dryRun);
                Meta.RemoveNulls(merged);
                ObjectValidator.Shared.ValidateRequest(type, merged, null, FieldValidation.Ignore, _options.ValidateSchemas);
                var created = Store(type, merged, manager, dryRun, warnings, uid);
                return (created, 201);
            }
            var applied = _ownership.Apply(Meta.Uid(old), type, old, intent, manager, force, dryRun);
            Meta.RemoveNulls(applied);
            return (FinishPatch(type, route, old, applied, manager, dryRun, recordOwnership: false), 200);
        }

        if (old is null) throw StatusObjects.NotFound(type, route.Name!);
        JsonObject patched;
        switch (contentType)
        {
            case "application/json-patch+json":
                {
                    var ops = System.Text.Json.Nodes.JsonNode.Parse(body) as JsonArray ?? throw StatusObjects.BadRequest("json patch must be an array");
                    patched = JsonPatch.Apply(old, ops);
                    break;
                }
            case "application/merge-patch+json":
            case "application/strategic-merge-patch+json":
                {
                    var patch = ParseObject(body, type);
                    if (Meta.ResourceVersion(patch) is { Length: > 0 } rv && rv != Meta.ResourceVersion(old)) throw StatusObjects.StaleConflict(type, route.Name!);
                    patched = (contentType == "application/merge-patch+json" ? MergePatch.Merge(old, patch) : MergePatch.Strategic(old, patch)) as JsonObject
                        ?? throw StatusObjects.BadRequest("patch result is not an object");
                    break;
                }
            default:
                throw StatusObjects.UnsupportedMediaType(contentType);
        }
        Meta.RemoveNulls(patched);
        if (Meta.Name(patched) != route.Name) throw StatusObjects.BadRequest("metadata.name: Invalid value: the name cannot be changed by a patch");
        if (route.Subresource is null)
            warnings.AddRange(ObjectValidator.Shared.ValidateRequest(type, patched, old, mode, _options.ValidateSchemas));
        return (FinishPatch(type, route, old, patched, manager, dryRun, recordOwnership: true), 200);
    }

    private JsonObject FinishPatch(ResourceType type, ApiRoute route, JsonObject old, JsonObject patched, string manager, bool dryRun, bool recordOwnership)
    {
        JsonObject next;
        if (route.Subresource == "status")
        {
            next = old.DeepClone().AsObject();
            next["status"] = patched["status"]?.DeepClone();
        }
        else
        {
            if (!recordOwnership) ObjectValidator.Shared.ValidateRequest(type, patched, old, FieldValidation.Ignore, _options.ValidateSchemas);
            next = patched;
            next["apiVersion"] = type.ApiVersion;
            next["kind"] = type.Kind;
            CopyServerFields(old, next);
            Meta.Of(next)["namespace"] = type.Namespaced ? route.Namespace : null;
            if (!type.Namespaced) Meta.Of(next).Remove("namespace");
            Defaults.Apply(type, next);
            if (type.HasStatus) next["status"] = old["status"]?.DeepClone();
            if (next["status"] is null) next.Remove("status");
        }
        if (dryRun) return next;
        var saved = _store.Replace(type, next);
        if (recordOwnership) _ownership.RecordUpdate(Meta.Uid(saved), manager, old, saved);
        if (Meta.IsDeleting(saved) && (saved["metadata"]?["finalizers"] as JsonArray is null or { Count: 0 }) && type != ResourceTypes.Namespace)
            _store.Remove(type, Meta.Namespace(saved), Meta.Name(saved));
        return saved;
    }

    private JsonObject DeleteOptions(HttpContext ctx, byte[] body)
    {
        var options = body.Length > 0 ? ParseObject(body, null) : new JsonObject();
        var q = ctx.Request.Query;
        if (q["propagationPolicy"].ToString() is { Length: > 0 } p) options["propagationPolicy"] = p;
        if (q["gracePeriodSeconds"].ToString() is { Length: > 0 } g && long.TryParse(g, CultureInfo.InvariantCulture, out var gs)) options["gracePeriodSeconds"] = gs;
        if (q["dryRun"].Any(v => v == "All")) options["dryRun"] = new JsonArray("All");
        return options;
    }

    private JsonNode Delete(HttpContext ctx, ResourceType type, string? ns, string name, byte[] body, bool dryRun, List<string> warnings)
    {
        var options = DeleteOptions(ctx, body);
        dryRun |= options["dryRun"] is JsonArray d && d.Any(x => Meta.Str(x) == "All");
        var obj = _store.Get(type, ns, name) ?? throw StatusObjects.NotFound(type, name);
        if (options["preconditions"] is JsonObject pre)
        {
            if (Meta.Str(pre["uid"]) is { } uid && uid != Meta.Uid(obj))
                throw StatusObjects.Conflict(type, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {Meta.Uid(obj)}");
            if (Meta.Str(pre["resourceVersion"]) is { } rv && rv != Meta.ResourceVersion(obj))
                throw StatusObjects.Conflict(type, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {Meta.ResourceVersion(obj)}");
        }
        var policy = Meta.Str(options["propagationPolicy"]);
        if (policy is null && options["orphanDependents"] is JsonValue od && od.TryGetValue<bool>(out var orphan)) policy = orphan ? "Orphan" : "Background";
        if (policy is null)
        {
            policy = type == ResourceTypes.Job ? "Orphan" : "Background";
            if (type == ResourceTypes.Job)
                warnings.Add("child pods are preserved by default when jobs are deleted; set propagationPolicy=Background to remove them or set propagationPolicy=Orphan to suppress this warning");
        }
        if (policy is not ("Orphan" or "Background" or "Foreground"))
            throw new ApiException(422, "Invalid", $"DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"");
        if (dryRun) return obj;
        return _controllers.Delete(type, obj, policy);
    }

    private JsonNode DeleteCollection(HttpContext ctx, ApiRoute route, byte[] body, bool dryRun, List<string> warnings)
    {
        var type = route.Type!;
        var (labels, fields) = Selectors(ctx, type);
        var items = _store.List(type, route.Namespace).Where(o => labels.Matches(o) && fields.Matches(o)).ToList();
        var deleted = new JsonArray();
        foreach (var item in items)
        {
            try
            {
                Delete(ctx, type, Meta.Namespace(item), Meta.Name(item), body, dryRun, warnings);
                deleted.Add(item);
            }
            catch (ApiException e) when (e.Code == 404)
            {
            }
        }
        return new JsonObject
        {
            ["kind"] = type.Kind + "List",
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = _store.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture) },
            ["items"] = deleted,
        };
    }

    private async Task HandleScaleAsync(HttpContext ctx, ApiRoute route, string verb, byte[] body)
    {
        var type = route.Type!;
        var obj = _store.Get(type, route.Namespace, route.Name!) ?? throw StatusObjects.NotFound(type, route.Name!);
        if (verb is "update" or "patch")
        {
            var input = ParseObject(body, null);
            var scale = verb == "patch" ? MergePatch.Merge(Scale(obj), input) as JsonObject : input;
            if (Meta.Long(scale?["spec"]?["replicas"]) is { } replicas)
                obj = _store.Mutate(type, route.Namespace, route.Name!, o => o["spec"]!["replicas"] = replicas)!;
        }
        else if (verb != "get") throw StatusObjects.MethodNotAllowed();
        await WriteJsonAsync(ctx, 200, Scale(obj)).ConfigureAwait(false);
    }

    private static JsonObject Scale(JsonObject obj) => new()
    {
        ["kind"] = "Scale",
        ["apiVersion"] = "autoscaling/v1",
        ["metadata"] = new JsonObject
        {
            ["name"] = Meta.Name(obj), ["namespace"] = Meta.Namespace(obj), ["uid"] = Meta.Uid(obj),
            ["resourceVersion"] = Meta.ResourceVersion(obj), ["creationTimestamp"] = obj["metadata"]?["creationTimestamp"]?.DeepClone(),
        },
        ["spec"] = new JsonObject { ["replicas"] = Meta.Long(obj["spec"]?["replicas"]) ?? 1 },
        ["status"] = new JsonObject
        {
            ["replicas"] = Meta.Long(obj["status"]?["replicas"]) ?? 0,
            ["selector"] = string.Join(",", (obj["spec"]?["selector"]?["matchLabels"] as JsonObject ?? []).Select(p => $"{p.Key}={Meta.Str(p.Value)}")),
        },
    };

    private async Task HandleTokenRequestAsync(HttpContext ctx, ApiRoute route, byte[] body)
    {
        var sa = _store.Get(ResourceTypes.ServiceAccount, route.Namespace, route.Name!) ?? throw StatusObjects.NotFound(ResourceTypes.ServiceAccount, route.Name!);
        var request = body.Length > 0 ? ParseObject(body, null) : new JsonObject();
        var seconds = Meta.Long(request["spec"]?["expirationSeconds"]) ?? 3600;
        var token = "sa-token-" + Guid.NewGuid().ToString("N");
        _auth.AddToken(token, $"system:serviceaccount:{route.Namespace}:{Meta.Name(sa)}", null);
        request["apiVersion"] = "authentication.k8s.io/v1";
        request["kind"] = "TokenRequest";
        request["metadata"] = new JsonObject { ["name"] = Meta.Name(sa), ["namespace"] = route.Namespace, ["creationTimestamp"] = null };
        var spec = request["spec"] as JsonObject ?? [];
        spec["expirationSeconds"] = seconds;
        spec["audiences"] ??= new JsonArray("https://kubernetes.default.svc.cluster.local");
        request["spec"] = spec;
        request["status"] = new JsonObject { ["token"] = token, ["expirationTimestamp"] = Meta.Format(DateTime.UtcNow.AddSeconds(seconds)) };
        await WriteJsonAsync(ctx, 201, request).ConfigureAwait(false);
    }
}
