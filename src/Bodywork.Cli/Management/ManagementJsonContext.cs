using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bodywork.Models.Local;
using Bodywork.Models.Management;

namespace Bodywork.Cli.Management;

/// <summary>Source-generated JSON for <c>--output json</c> of the management commands.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(BodyworkNamespace))]
[JsonSerializable(typeof(IReadOnlyList<BodyworkSecret>))]
[JsonSerializable(typeof(BodyworkSecret))]
[JsonSerializable(typeof(IReadOnlyList<BodyworkService>))]
[JsonSerializable(typeof(BodyworkService))]
[JsonSerializable(typeof(IReadOnlyList<LocalService>))]
[JsonSerializable(typeof(LocalService))]
[JsonSerializable(typeof(IReadOnlyList<BodyworkCronJob>))]
[JsonSerializable(typeof(BodyworkCronJob))]
[JsonSerializable(typeof(IReadOnlyList<BodyworkCronJobRun>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
public sealed partial class ManagementJsonContext : JsonSerializerContext
{
    /// <summary>Readable output ('&gt;' and quotes unescaped: this is not HTML).</summary>
    public static ManagementJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter<CronJobRunStatus>(), new JsonStringEnumConverter<LocalServiceStatus>() },
    });
}
