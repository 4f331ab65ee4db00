using System.Collections.Concurrent;
using System.Text;
using Bodywork.Engine.Kubernetes.Config;

namespace Bodywork.Engine.Tests.Kubernetes.Config.Support;

/// <summary>
/// A temp folder standing in for the machine: HOME, the service-account folder and the working directory
/// all live under it, and environment variables are a private dictionary, so the real kubeconfig is never read.
/// </summary>
public sealed class KubeTestEnvironment : IDisposable
{
    public KubeTestEnvironment()
    {
        Root = Path.Combine(Path.GetTempPath(), "bodywork-kubecfg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Home = Directory.CreateDirectory(Path.Combine(Root, "home")).FullName;
        ServiceAccount = Path.Combine(Root, "serviceaccount");
        Variables["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        Variables["HOME"] = Home;
    }

    public string Root { get; }
    public string Home { get; }
    public string ServiceAccount { get; }
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);
    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
    public ConcurrentQueue<string> PluginStandardError { get; } = new();
    public bool StandardInputIsTerminal { get; set; }

    private KubeConfigEnvironment? _environment;

    /// <summary>Built once, so the exec credential cache lives as long as the test.</summary>
    public KubeConfigEnvironment Environment => _environment ??= new KubeConfigEnvironment
    {
        Variables = Variables,
        ServiceAccountDirectory = ServiceAccount,
        CurrentDirectory = Root,
        IsWindows = false,
        StandardInputIsTerminal = StandardInputIsTerminal,
        TimeProvider = Clock,
        PluginErrorOutput = PluginStandardError.Enqueue,
        ExecPluginTimeout = TimeSpan.FromMinutes(2),
    };

    /// <summary>Writes a file under the root (creating folders) and returns its full path.</summary>
    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes an executable script (shebang included in the content).</summary>
    public string WriteScript(string relativePath, string content)
    {
        var path = Write(relativePath, content.Replace("\r\n", "\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    public ResolvedKubernetesConfig Load(KubernetesConnectionOptions? options = null) =>
        KubernetesConfigLoader.Load(options ?? new KubernetesConnectionOptions(), Environment);

    public ResolvedKubernetesConfig LoadFile(string kubeconfigPath, string? context = null, string? ns = null) =>
        KubernetesConfigLoader.Load(new KubernetesConnectionOptions(kubeconfigPath, context, ns), Environment);

    public void SetUpInCluster(string token, string host = "10.0.0.1", string port = "443", string? ns = null, string? caPem = null)
    {
        Directory.CreateDirectory(ServiceAccount);
        File.WriteAllText(Path.Combine(ServiceAccount, "token"), token);
        if (ns is not null)
        {
            File.WriteAllText(Path.Combine(ServiceAccount, "namespace"), ns);
        }
        if (caPem is not null)
        {
            File.WriteAllText(Path.Combine(ServiceAccount, "ca.crt"), caPem);
        }
        Variables["KUBERNETES_SERVICE_HOST"] = host;
        Variables["KUBERNETES_SERVICE_PORT"] = port;
    }

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
