using System.Text.Json.Nodes;

namespace FakeKubernetes;

/// <summary>
/// Direct access to the fake's object store for seeding and assertions. Objects are raw JSON; every method returns or
/// takes deep copies. Writes here bypass validation but bump resourceVersion, fire watch events and wake controllers.
/// Kinds are named by <c>apiVersion</c> (<c>v1</c>, <c>batch/v1</c>, <c>apps/v1</c>, <c>rbac.authorization.k8s.io/v1</c>) and <c>kind</c>.
/// </summary>
public sealed class FakeStore
{
    private readonly ObjectStore _store;

    internal FakeStore(ObjectStore store) => _store = store;

    /// <summary>The current (global) resourceVersion.</summary>
    public string ResourceVersion => _store.CurrentResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Gets an object, or null when absent. <paramref name="namespace"/> is ignored for cluster-scoped kinds.</summary>
    public JsonObject? Get(string apiVersion, string kind, string? @namespace, string name) =>
        _store.Get(ResourceTypes.Require(apiVersion, kind), @namespace, name)?.DeepClone().AsObject();

    /// <summary>Lists objects of a kind, optionally in one namespace and filtered by a label selector (kubectl syntax).</summary>
    public IReadOnlyList<JsonObject> List(string apiVersion, string kind, string? @namespace = null, string? labelSelector = null)
    {
        var selector = LabelSelector.Parse(labelSelector);
        return _store.List(ResourceTypes.Require(apiVersion, kind), @namespace)
            .Where(o => selector.Matches(o))
            .Select(o => o.DeepClone().AsObject())
            .ToList();
    }

    /// <summary>
    /// Creates or replaces an object without validation (its <c>apiVersion</c>/<c>kind</c>/<c>metadata</c> decide where);
    /// server fields (uid, creationTimestamp, resourceVersion, generation) are filled in. Returns the stored copy.
    /// </summary>
    public JsonObject Put(JsonObject obj) => _store.Put(obj.DeepClone().AsObject()).DeepClone().AsObject();

    /// <summary>Mutates a stored object in place (e.g. to script a status); returns the new copy, or null when absent.</summary>
    public JsonObject? Update(string apiVersion, string kind, string? @namespace, string name, Action<JsonObject> mutate) =>
        _store.Mutate(ResourceTypes.Require(apiVersion, kind), @namespace, name, mutate)?.DeepClone().AsObject();

    /// <summary>Removes an object at once (no finalizers, no grace); dependents are then garbage-collected. Returns whether it existed.</summary>
    public bool Delete(string apiVersion, string kind, string? @namespace, string name) =>
        _store.Remove(ResourceTypes.Require(apiVersion, kind), @namespace, name);

    /// <summary>Waits until the object exists and satisfies <paramref name="predicate"/>; returns a copy. Throws <see cref="TimeoutException"/>.</summary>
    public async Task<JsonObject> WaitForAsync(string apiVersion, string kind, string? @namespace, string name,
        Func<JsonObject, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        JsonObject? found = null;
        await WaitUntilAsync(s =>
        {
            found = s.Get(apiVersion, kind, @namespace, name);
            return found is not null && predicate(found);
        }, timeout, $"{kind} {@namespace}/{name} to satisfy the condition", cancellationToken).ConfigureAwait(false);
        return found!;
    }

    /// <summary>Waits until the object is gone. Throws <see cref="TimeoutException"/>.</summary>
    public Task WaitForDeletionAsync(string apiVersion, string kind, string? @namespace, string name, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(s => s.Get(apiVersion, kind, @namespace, name) is null, timeout, $"{kind} {@namespace}/{name} to be deleted", cancellationToken);

    /// <summary>Waits until <paramref name="condition"/> holds, re-evaluated after every store change. Throws <see cref="TimeoutException"/> naming <paramref name="what"/>.</summary>
    public Task WaitUntilAsync(Func<FakeStore, bool> condition, TimeSpan timeout, string what = "condition", CancellationToken cancellationToken = default) =>
        _store.WaitUntilAsync(() => condition(this), timeout, what, cancellationToken);
}
