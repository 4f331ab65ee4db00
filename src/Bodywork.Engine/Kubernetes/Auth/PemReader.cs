using System.Security.Cryptography;

namespace Bodywork.Engine.Kubernetes.Auth;

/// <summary>Splits PEM text into labelled DER blocks (kubeconfig certificates, CA bundles, private keys).</summary>
internal static class PemReader
{
    public static List<(string Label, byte[] Der)> ReadBlocks(string pem)
    {
        var blocks = new List<(string, byte[])>();
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label].ToString();
            var der = new byte[fields.DecodedDataLength];
            if (!Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out var written))
            {
                throw new FormatException($"the PEM block '{label}' is not valid base64");
            }
            blocks.Add((label, der[..written]));
            rest = rest[fields.Location.End..];
        }
        return blocks;
    }

    /// <summary>Decodes kubeconfig "*-data" values: standard base64 of PEM text, line breaks tolerated.</summary>
    public static string DecodeDataField(string base64)
    {
        var compact = string.Concat(base64.Where(c => !char.IsWhiteSpace(c)));
        var bytes = Convert.FromBase64String(compact);
        return System.Text.Encoding.UTF8.GetString(bytes);
    }
}
