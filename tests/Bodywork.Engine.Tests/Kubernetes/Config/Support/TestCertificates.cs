using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Bodywork.Engine.Tests.Kubernetes.Config.Support;

/// <summary>Certificates made in the test: a CA, server certificates it signs, client certificates (RSA and EC) and PEM of each.</summary>
public static class TestCertificates
{
    public static X509Certificate2 CreateCa(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
    }

    /// <summary>An intermediate CA signed by <paramref name="ca"/>.</summary>
    public static X509Certificate2 CreateIntermediate(X509Certificate2 ca, string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var signed = Sign(request, ca);
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>A server certificate for 127.0.0.1 and the given DNS names, with its key, exportable for Kestrel.</summary>
    public static X509Certificate2 CreateServer(X509Certificate2 ca, params string[] dnsNames)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=kube-apiserver", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        foreach (var name in dnsNames)
        {
            san.AddDnsName(name);
        }
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var signed = Sign(request, ca);
        return X509CertificateLoader.LoadPkcs12(signed.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12), null);
    }

    public sealed record ClientPem(string CertificatePem, string KeyPem, string Subject);

    public enum KeyFormat
    {
        RsaPkcs1,
        RsaPkcs8,
        EcSec1,
        EcSec1WithParameters,
        EcPkcs8,
    }

    public static ClientPem CreateClient(X509Certificate2 ca, string commonName, KeyFormat format)
    {
        var subject = $"CN={commonName},O=system:masters";
        CertificateRequest request;
        AsymmetricAlgorithm key;
        if (format is KeyFormat.RsaPkcs1 or KeyFormat.RsaPkcs8)
        {
            var rsa = RSA.Create(2048);
            key = rsa;
            request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        else
        {
            var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            key = ec;
            request = new CertificateRequest(subject, ec, HashAlgorithmName.SHA256);
        }
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = Sign(request, ca);
        var keyPem = format switch
        {
            KeyFormat.RsaPkcs1 => ((RSA)key).ExportRSAPrivateKeyPem(),
            KeyFormat.RsaPkcs8 => key.ExportPkcs8PrivateKeyPem(),
            KeyFormat.EcSec1 => ((ECDsa)key).ExportECPrivateKeyPem(),
            // openssl ecparam -genkey writes the curve first; loaders must skip it.
            KeyFormat.EcSec1WithParameters => "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" + ((ECDsa)key).ExportECPrivateKeyPem(),
            _ => key.ExportPkcs8PrivateKeyPem(),
        };
        key.Dispose();
        return new ClientPem(certificate.ExportCertificatePem(), keyPem, subject);
    }

    public static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem() + "\n";

    private static X509Certificate2 Sign(CertificateRequest request, X509Certificate2 ca)
    {
        var now = DateTimeOffset.UtcNow;
        var serial = new byte[12];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7f;
        // The CA is RSA while the leaf may be EC, so sign with the CA's key explicitly.
        using var caKey = ca.GetRSAPrivateKey()!;
        var signed = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1), now.AddDays(-1), now.AddDays(10), serial);
        return signed;
    }
}
