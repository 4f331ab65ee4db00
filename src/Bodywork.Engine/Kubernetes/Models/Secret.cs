namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>
/// v1 Secret. <see cref="Data"/> values travel as base64 (System.Text.Json's byte[] encoding);
/// <see cref="StringData"/> is write-only plain text the server merges into data.
/// </summary>
public sealed record Secret : IKubernetesObject
{
    public string? ApiVersion { get; init; } = "v1";
    public string? Kind { get; init; } = "Secret";
    public ObjectMeta Metadata { get; init; } = new();
    public IReadOnlyDictionary<string, byte[]>? Data { get; init; }
    public IReadOnlyDictionary<string, string>? StringData { get; init; }

    /// <summary>Opaque unless said otherwise; immutable once set.</summary>
    public string? Type { get; init; }

    public bool? Immutable { get; init; }

    /// <summary>Never prints values: secrets must not leak through logs or error text.</summary>
    public override string ToString() =>
        $"Secret {Metadata.Namespace}/{Metadata.Name} (keys: {string.Join(", ", (Data?.Keys ?? []).Concat(StringData?.Keys ?? []))})";
}
