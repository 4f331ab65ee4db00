namespace FakeKubernetes;

/// <summary>A parsed request path: discovery document or a resource (collection/item/subresource).</summary>
internal sealed record ApiRoute(string Area, ResourceType? Type = null, string? Namespace = null, string? Name = null, string? Subresource = null,
    string[]? Segments = null)
{
    public const string Resource = "resource";
    public const string Discovery = "discovery";
    public const string OpenApi = "openapi";
    public const string Other = "other";
    public const string Unknown = "unknown";

    public bool IsCollection => Name is null;

    /// <summary>Counter/fault key: <c>jobs</c>, <c>pods/log</c>.</summary>
    public string ResourceKey => Type is null ? Area : Subresource is null ? Type.Plural : $"{Type.Plural}/{Subresource}";

    public static ApiRoute Parse(string path)
    {
        var s = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (s.Length == 0) return new(Discovery, Segments: s);
        switch (s[0])
        {
            case "version" or "healthz" or "livez" or "readyz" when s.Length <= 2:
                return new(Other, Segments: s);
            case "openapi":
                return new(OpenApi, Segments: s);
            case "api":
                if (s.Length <= 2) return s.Length == 2 && s[1] != "v1" ? new(Unknown, Segments: s) : new(Discovery, Segments: s);
                return s[1] == "v1" ? Resolve("", "v1", s[2..], s) : new(Unknown, Segments: s);
            case "apis":
                if (s.Length <= 3) return new(Discovery, Segments: s);
                return Resolve(s[1], s[2], s[3..], s);
            default:
                return new(Unknown, Segments: s);
        }
    }

    private static ApiRoute Resolve(string group, string version, string[] rest, string[] all)
    {
        if (rest[0] == "namespaces" && rest.Length >= 3 && !(group.Length == 0 && rest.Length == 3 && rest[2] is "status" or "finalize"))
        {
            var type = ResourceTypes.FindByPlural(group, version, rest[2]);
            if (type is null || !type.Namespaced || rest.Length > 5) return new(Unknown, Segments: all);
            return new(Resource, type, rest[1], rest.Length > 3 ? rest[3] : null, rest.Length > 4 ? rest[4] : null, all);
        }
        var clusterType = ResourceTypes.FindByPlural(group, version, rest[0]);
        if (clusterType is null || rest.Length > 3) return new(Unknown, Segments: all);
        if (clusterType.Namespaced && rest.Length > 1) return new(Unknown, Segments: all); // only all-namespace lists
        return new(Resource, clusterType, null, rest.Length > 1 ? rest[1] : null, rest.Length > 2 ? rest[2] : null, all);
    }
}
