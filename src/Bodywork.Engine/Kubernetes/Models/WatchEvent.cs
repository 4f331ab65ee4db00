using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bodywork.Engine.Kubernetes.Models;

/// <summary>The kinds of watch events a caller sees (BOOKMARK and ERROR are handled by the watcher).</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
}

/// <summary>
/// One typed change seen by a watch. <see cref="Resource"/> is the object's new state (for
/// <see cref="WatchEventType.Deleted"/>: its last state). After a re-list the watcher replays the current
/// objects as <see cref="WatchEventType.Added"/>, so callers simply re-evaluate.
/// </summary>
public sealed record WatchEvent<T>(WatchEventType Type, T Resource);

/// <summary>A watch event as it arrives: type plus the undecoded object (a Status for ERROR).</summary>
public sealed record RawWatchEvent
{
    /// <summary>ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.</summary>
    public string Type { get; set; } = "";

    /// <summary>The <c>object</c> field.</summary>
    [JsonPropertyName("object")]
    public JsonElement Payload { get; set; }
}

/// <summary>Just enough of any object to read its resourceVersion (bookmarks).</summary>
public sealed record PartialObject
{
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
}
