using System.Text.Json.Nodes;

namespace FakeKubernetes;

internal sealed class TlsMaterial(string serverName) : IDisposable
{
    public string ServerName { get; } = serverName;
    public string? CaCertificatePem => null;
    public FakeClientCertificate IssueClientCertificate(string userName, ClientKeyFormat format) => throw new NotImplementedException(userName + format);
    public void Dispose() { }
}

internal sealed class Authenticator(string token, TlsMaterial? tls)
{
    public string Token { get; } = token;
    public TlsMaterial? Tls { get; } = tls;
    public void AddToken(string t, string user, int? uses) => throw new NotImplementedException(t + user + uses);
    public void AddBasic(string user, string password) => throw new NotImplementedException(user + password);
}

internal sealed class RequestLog(int capacity)
{
    public int Capacity { get; } = capacity;
    public IReadOnlyList<RecordedRequest> Snapshot() => [];
}

internal sealed class Kubelet(ObjectStore store, PodScripts scripts, FakeApiServerOptions options) : IDisposable
{
    public ObjectStore Store { get; } = store;
    public PodScripts Scripts { get; } = scripts;
    public FakeApiServerOptions Options { get; } = options;
    public void ManualStart(string ns, string name, bool ready) => throw new NotImplementedException(ns + name + ready);
    public void ManualTerminate(string ns, string name, int exitCode, string? reason, string? message) => throw new NotImplementedException(ns + name + exitCode + reason + message);
    public void ManualWait(string ns, string name, string reason, string? message) => throw new NotImplementedException(ns + name + reason + message);
    public void AppendLog(string ns, string name, string? container, string text) => throw new NotImplementedException(ns + name + container + text);
    public string GetLog(string ns, string name, string? container) => throw new NotImplementedException(ns + name + container);
    public void Dispose() { }
}

internal sealed class Controllers(ObjectStore store, FakeApiServerOptions options) : IDisposable
{
    public ObjectStore Store { get; } = store;
    public FakeApiServerOptions Options { get; } = options;
    public JsonObject TriggerCronJob(string ns, string name, string? jobName) => throw new NotImplementedException(ns + name + jobName);
    public void Dispose() { }
}

internal sealed class ObjectValidator
{
    public static ObjectValidator Shared { get; } = new();
    public IReadOnlyList<FakeValidationCause> ValidateForCreate(JsonObject obj, bool strictUnknown) => throw new NotImplementedException(obj.ToJsonString() + strictUnknown);
}

internal static class Kubeconfig
{
    public static string Render(FakeApiServer server, string ns, KubeconfigCredentials credentials, string contextName) =>
        throw new NotImplementedException(server.Url + ns + credentials + contextName);
}
