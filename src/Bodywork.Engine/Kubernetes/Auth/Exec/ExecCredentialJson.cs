using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bodywork.Engine.Kubernetes.Auth.Exec;

// The client.authentication.k8s.io ExecCredential object (v1 and v1beta1 share this shape): we write
// spec into KUBERNETES_EXEC_INFO and read status from the plugin's stdout.

internal sealed class ExecCredentialJson
{
    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; set; }
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("spec")] public ExecCredentialSpecJson? Spec { get; set; }
    [JsonPropertyName("status")] public ExecCredentialStatusJson? Status { get; set; }
}

internal sealed class ExecCredentialSpecJson
{
    [JsonPropertyName("interactive")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public bool Interactive { get; set; }

    [JsonPropertyName("cluster")] public ExecClusterJson? Cluster { get; set; }
}

internal sealed class ExecClusterJson
{
    [JsonPropertyName("server")] public string? Server { get; set; }
    [JsonPropertyName("tls-server-name")] public string? TlsServerName { get; set; }
    [JsonPropertyName("insecure-skip-tls-verify")] public bool? InsecureSkipTlsVerify { get; set; }
    [JsonPropertyName("certificate-authority-data")] public string? CertificateAuthorityData { get; set; }
    [JsonPropertyName("proxy-url")] public string? ProxyUrl { get; set; }
    [JsonPropertyName("disable-compression")] public bool? DisableCompression { get; set; }
    [JsonPropertyName("config")] public JsonElement? Config { get; set; }
}

/// <summary>Holds secrets: no ToString override that prints them, and never logged.</summary>
internal sealed class ExecCredentialStatusJson
{
    [JsonPropertyName("token")] public string? Token { get; set; }
    [JsonPropertyName("clientCertificateData")] public string? ClientCertificateData { get; set; }
    [JsonPropertyName("clientKeyData")] public string? ClientKeyData { get; set; }
    [JsonPropertyName("expirationTimestamp")] public string? ExpirationTimestamp { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ExecCredentialJson))]
internal sealed partial class ExecCredentialJsonContext : JsonSerializerContext;
