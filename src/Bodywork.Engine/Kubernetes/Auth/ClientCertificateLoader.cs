using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Bodywork.Engine.Kubernetes.Auth;

/// <summary>A client certificate with its private key, plus any intermediates to send in the TLS handshake.</summary>
internal sealed class ClientCertificate
{
    public ClientCertificate(X509Certificate2 leaf, X509Certificate2Collection intermediates)
    {
        Leaf = leaf;
        Intermediates = intermediates;
    }

    public X509Certificate2 Leaf { get; }
    public X509Certificate2Collection Intermediates { get; }

    public override string ToString() => Leaf.Subject;
}

/// <summary>
/// Builds a client certificate from PEM text as kubeconfigs and exec plugins carry it: RSA or EC keys in
/// PKCS#1 (RSA PRIVATE KEY), SEC1 (EC PRIVATE KEY, maybe after EC PARAMETERS) or PKCS#8 (PRIVATE KEY).
/// Messages describe the problem, never the key.
/// </summary>
internal static class ClientCertificateLoader
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";
    private const string Ed25519Oid = "1.3.101.112";

    /// <summary>Throws FormatException with a message fit for the user (callers add file and key names).</summary>
    public static ClientCertificate Load(string certificatePem, string keyPem)
    {
        var certBlocks = PemReader.ReadBlocks(certificatePem).Where(b => b.Label == "CERTIFICATE").ToList();
        if (certBlocks.Count == 0)
        {
            throw new FormatException("the client certificate holds no PEM 'CERTIFICATE' block");
        }

        var certificates = new List<X509Certificate2>();
        foreach (var (_, der) in certBlocks)
        {
            try
            {
                certificates.Add(new X509Certificate2(der));
            }
            catch (CryptographicException e)
            {
                throw new FormatException("the client certificate is not a valid X.509 certificate: " + e.Message, e);
            }
        }

        var leaf = certificates[0];
        var withKey = AttachKey(leaf, keyPem);
        if (OperatingSystem.IsWindows())
        {
            // SChannel cannot use an ephemeral key for client authentication; a PKCS#12 round trip persists it.
            var pfx = withKey.Export(X509ContentType.Pkcs12);
            withKey = new X509Certificate2(pfx, (string?)null, X509KeyStorageFlags.Exportable);
        }
        return new ClientCertificate(withKey, new X509Certificate2Collection(certificates.Skip(1).ToArray()));
    }

    private static X509Certificate2 AttachKey(X509Certificate2 leaf, string keyPem)
    {
        if (keyPem.Contains("ENCRYPTED", StringComparison.Ordinal))
        {
            throw new FormatException("the client key is encrypted; Kubernetes clients need an unencrypted key (decrypt it with 'openssl pkey')");
        }
        var blocks = PemReader.ReadBlocks(keyPem).Where(b => b.Label != "EC PARAMETERS").ToList();
        if (blocks.Count == 0)
        {
            throw new FormatException("the client key holds no PEM private key block (expected RSA PRIVATE KEY, EC PRIVATE KEY or PRIVATE KEY)");
        }
        var (label, der) = blocks[0];
        var algorithm = leaf.PublicKey.Oid.Value;

        try
        {
            switch (algorithm)
            {
                case RsaOid:
                    {
                        using var rsa = RSA.Create();
                        switch (label)
                        {
                            case "RSA PRIVATE KEY": rsa.ImportRSAPrivateKey(der, out _); break;
                            case "PRIVATE KEY": rsa.ImportPkcs8PrivateKey(der, out _); break;
                            default: throw new FormatException($"the client certificate has an RSA key but the client key is a '{label}' block");
                        }
                        return leaf.CopyWithPrivateKey(rsa);
                    }
                case EcOid:
                    {
                        using var ec = ECDsa.Create();
                        switch (label)
                        {
                            case "EC PRIVATE KEY": ec.ImportECPrivateKey(der, out _); break;
                            case "PRIVATE KEY": ec.ImportPkcs8PrivateKey(der, out _); break;
                            default: throw new FormatException($"the client certificate has an EC key but the client key is a '{label}' block");
                        }
                        return leaf.CopyWithPrivateKey(ec);
                    }
                case Ed25519Oid:
                    throw new FormatException("Ed25519 client certificates are not supported by .NET; use an RSA or ECDSA certificate");
                default:
                    throw new FormatException($"the client certificate's key algorithm ({algorithm}) is not supported; use RSA or ECDSA");
            }
        }
        catch (CryptographicException e)
        {
            throw new FormatException("the client key cannot be read as a " + label + " block: " + e.Message, e);
        }
        catch (ArgumentException e)
        {
            throw new FormatException("the client key does not match the client certificate's public key", e);
        }
    }

    /// <summary>Reads every CERTIFICATE block of a CA bundle.</summary>
    public static X509Certificate2Collection LoadCaBundle(string pem)
    {
        var collection = new X509Certificate2Collection();
        foreach (var (label, der) in PemReader.ReadBlocks(pem))
        {
            if (label != "CERTIFICATE")
            {
                continue;
            }
            try
            {
                collection.Add(new X509Certificate2(der));
            }
            catch (CryptographicException e)
            {
                throw new FormatException("a CERTIFICATE block is not a valid X.509 certificate: " + e.Message, e);
            }
        }
        if (collection.Count == 0)
        {
            throw new FormatException("no PEM 'CERTIFICATE' block was found");
        }
        return collection;
    }
}
