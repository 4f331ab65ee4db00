using System.Text;
using System.Text.Json;
using Bodywork.Engine.Kubernetes.Client;
using Bodywork.Engine.Manifests;

namespace Bodywork.Engine.Management;

/// <summary>The merge patch that replaces a secret's data in place (the body holds values: never log it).</summary>
internal static class SecretPatch
{
    public static KubernetesPatch Replace(IReadOnlyDictionary<string, string> data, IEnumerable<string> oldKeys)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("metadata");
            json.WriteStartObject("labels");
            json.WriteString(BodyworkLabels.ManagedByKey, BodyworkLabels.ManagedByValue);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject("data");
            foreach (var (key, value) in data)
            {
                json.WriteBase64String(key, Encoding.UTF8.GetBytes(value));
            }

            foreach (var key in oldKeys.Where(k => !data.ContainsKey(k)))
            {
                json.WriteNull(key);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return new KubernetesPatch(PatchType.MergePatch, Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
