using System.Text;
using Bodywork.Engine.Kubernetes.Models;

namespace Bodywork.Engine.Manifests;

/// <summary>Secrets created by New-BodyworkSecret / <c>bodywork secret create</c>.</summary>
public static class SecretManifests
{
    /// <summary>
    /// An Opaque Secret with the Bodywork managed-by label. Values go in <c>data</c> (bytes, base64 on the
    /// wire) — never in labels, annotations or anything a listing shows.
    /// </summary>
    public static Secret Secret(string @namespace, string name, IReadOnlyDictionary<string, string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new Secret
        {
            Metadata = new ObjectMeta { Name = name, Namespace = @namespace, Labels = BodyworkLabels.ForObject() },
            Type = "Opaque",
            Data = data.ToDictionary(p => p.Key, p => Encoding.UTF8.GetBytes(p.Value), StringComparer.Ordinal),
        };
    }
}
