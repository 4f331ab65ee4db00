using System.Text.Json.Serialization;

namespace Bodywork.Engine.Local;

/// <summary>Source-generated JSON for the local state files (no reflection-based serialization).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LocalServiceRecord))]
internal sealed partial class LocalStateJsonContext : JsonSerializerContext;
