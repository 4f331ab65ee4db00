namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>
/// v1 Secret. <see cref="Data"/> values travel as base64 (System.Text.Json's byte[] encoding);
/// <see cref="StringData"/> is write-only plain text the server merges into data.
/// </summary>
public sealed record Secret : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "v1";
    public string? Kind { get; set; } = "Secret";
    public ObjectMeta Metadata { get; set; } = new();
    public IReadOnlyDictionary<string, byte[]>? Data { get; set; }
    public IReadOnlyDictionary<string, string>? StringData { get; set; }

    /// <summary>Opaque unless said otherwise; immutable once set.</summary>
    public string? Type { get; set; }

    public bool? Immutable { get; set; }

    /// <summary>Never prints values: secrets must not leak through logs or error text.</summary>
    public override string ToString() =>
        $"Secret {Metadata.Namespace}/{Metadata.Name} (keys: {string.Join(", ", (Data?.Keys ?? []).Concat(StringData?.Keys ?? []))})";
}
