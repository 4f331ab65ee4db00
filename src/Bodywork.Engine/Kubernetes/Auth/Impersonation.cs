namespace Bodywork.Engine.Kubernetes.Auth;

/// <summary>The kubeconfig's as, as-uid, as-groups and as-user-extra, sent as Impersonate-* headers.</summary>
internal sealed class Impersonation(string user, string? uid, IReadOnlyList<string> groups, IReadOnlyDictionary<string, IReadOnlyList<string>> extra)
{
    public void Apply(HttpRequestMessage request)
    {
        var headers = request.Headers;
        headers.Remove("Impersonate-User");
        headers.TryAddWithoutValidation("Impersonate-User", user);
        if (!string.IsNullOrEmpty(uid))
        {
            headers.Remove("Impersonate-Uid");
            headers.TryAddWithoutValidation("Impersonate-Uid", uid);
        }
        headers.Remove("Impersonate-Group");
        foreach (var group in groups)
        {
            headers.TryAddWithoutValidation("Impersonate-Group", group);
        }
        foreach (var (key, values) in extra)
        {
            // Header names cannot carry every character a key may have; the apiserver unescapes %-encoding.
            var name = "Impersonate-Extra-" + Uri.EscapeDataString(key);
            headers.Remove(name);
            foreach (var value in values)
            {
                headers.TryAddWithoutValidation(name, value);
            }
        }
    }

    public override string ToString() => $"as {user}";
}
