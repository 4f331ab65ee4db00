using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Bodywork.Engine.Kubernetes.Config.Tls;

/// <summary>
/// Checks the API server's certificate as kubectl does: against the kubeconfig's CA only when one is given
/// (else the OS store), and always against the expected name (tls-server-name, else the URL's host; IP
/// literals against IP SANs). The insecure flag turns every check off.
/// </summary>
internal sealed class ServerCertificateValidator(X509Certificate2Collection? certificateAuthorities, bool insecure, string expectedName)
{
    public string ExpectedName => expectedName;

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (insecure)
        {
            return true;
        }
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return false;
        }

        var serverCertificate = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
        // Our own name check: SslStream's flag was computed for the connection's target host, which is not
        // the name to check when tls-server-name is set. The C# client ignored mismatches with a custom CA; we never do.
        if (!serverCertificate.MatchesHostname(expectedName))
        {
            return false;
        }

        if (certificateAuthorities is null)
        {
            return (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0;
        }

        using var customChain = new X509Chain();
        var policy = customChain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.CustomTrustStore.AddRange(certificateAuthorities);
        // Intermediates the server sent, and any in the CA bundle, may complete the path to a given root.
        policy.ExtraStore.AddRange(certificateAuthorities);
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                policy.ExtraStore.Add(element.Certificate);
            }
        }
        return customChain.Build(serverCertificate);
    }
}
