namespace Bodywork.Engine.Kubernetes.Client;

/// <summary>The patch formats the API server accepts (Content-Type).</summary>
public enum PatchType
{
    /// <summary>application/merge-patch+json (RFC 7386; lists replaced wholesale, null deletes).</summary>
    MergePatch,

    /// <summary>application/strategic-merge-patch+json (lists merged by key; built-in kinds only).</summary>
    StrategicMergePatch,

    /// <summary>application/json-patch+json (RFC 6902 operations). Not retried: ops such as "add to list" are not idempotent.</summary>
    JsonPatch,
}

/// <summary>A patch body (JSON text, never logged) and its format.</summary>
public sealed record KubernetesPatch(PatchType Type, string Json)
{
    /// <inheritdoc />
    public override string ToString() => $"{Type} patch ({Json.Length} chars)";
}
