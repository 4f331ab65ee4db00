using System.Text;

namespace FakeKubernetes;

/// <summary>Renders a kubeconfig (YAML) pointing at the fake.</summary>
internal static class Kubeconfig
{
    public static string Render(FakeApiServer server, string ns, KubeconfigCredentials credentials, string contextName)
    {
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));
        var sb = new StringBuilder();
        sb.Append("apiVersion: v1\nkind: Config\nclusters:\n");
        sb.Append($"- name: {contextName}\n  cluster:\n    server: {server.Url}\n");
        if (server.CaCertificatePem is { } ca) sb.Append($"    certificate-authority-data: {B64(ca)}\n");
        sb.Append($"users:\n- name: {contextName}\n  user:");
        var any = false;
        if (credentials.HasFlag(KubeconfigCredentials.Token))
        {
            sb.Append($"\n    token: {server.Token}");
            any = true;
        }
        if (credentials.HasFlag(KubeconfigCredentials.ClientCertificate) && server.ClientCertificate is { } cert)
        {
            sb.Append($"\n    client-certificate-data: {B64(cert.CertificatePem)}\n    client-key-data: {B64(cert.KeyPem)}");
            any = true;
        }
        sb.Append(any ? "\n" : " {}\n");
        sb.Append($"contexts:\n- name: {contextName}\n  context:\n    cluster: {contextName}\n    user: {contextName}\n    namespace: {ns}\n");
        sb.Append($"current-context: {contextName}\n");
        return sb.ToString();
    }
}
