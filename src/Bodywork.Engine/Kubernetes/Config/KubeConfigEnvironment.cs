namespace Bodywork.Engine.Kubernetes.Config;

/// <summary>
/// Everything the loader reads from the machine (environment variables, home directory, the
/// service-account folder, the clock, the terminal), so tests never see the real machine's config.
/// </summary>
public sealed class KubeConfigEnvironment
{
    /// <summary>The default service-account folder mounted into every pod.</summary>
    public const string DefaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The real machine, reading environment variables live (a PowerShell user may change KUBECONFIG).</summary>
    public static KubeConfigEnvironment Current { get; } = new();

    /// <summary>Environment variables; null means the live process environment.</summary>
    public IReadOnlyDictionary<string, string>? Variables { get; init; }

    /// <summary>Home directory; null means kubectl's rules ($HOME, or the Windows variables in order).</summary>
    public string? HomeDirectory { get; init; }

    /// <summary>Folder holding the in-cluster token, ca.crt and namespace.</summary>
    public string ServiceAccountDirectory { get; init; } = DefaultServiceAccountDirectory;

    /// <summary>Directory that relative KUBECONFIG entries and explicit paths are resolved against.</summary>
    public string? CurrentDirectory { get; init; }

    /// <summary>Selects Windows rules (';' list separator, PATHEXT, home variables).</summary>
    public bool IsWindows { get; init; } = OperatingSystem.IsWindows();

    /// <summary>Whether stdin is a terminal; null means "not redirected" on the real console.</summary>
    public bool? StandardInputIsTerminal { get; init; }

    /// <summary>Clock for credential expiry and token-file re-reads.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Receives the exec plugin's stderr line by line (prompts, browser hints); default Console.Error.</summary>
    public Action<string> PluginErrorOutput { get; init; } = static line => Console.Error.WriteLine(line);

    /// <summary>How long a token read from a file is reused before the file is read again (kubectl: one minute).</summary>
    public TimeSpan TokenFileCacheDuration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Limit for a non-interactive exec plugin run.</summary>
    public TimeSpan ExecPluginTimeout { get; init; } = TimeSpan.FromMinutes(5);

    private readonly Auth.Exec.ExecCredentialCache _ownCache = new();

    /// <summary>
    /// Exec plugin credentials: process-wide for the real environment (so a cmdlet that sets its own
    /// <see cref="PluginErrorOutput"/> still shares them), per instance when <see cref="Variables"/> is injected.
    /// </summary>
    internal Auth.Exec.ExecCredentialCache ExecCache => Variables is null ? Auth.Exec.ExecCredentialCache.Process : _ownCache;

    /// <summary>Reads one environment variable (from <see cref="Variables"/> when set).</summary>
    public string? GetVariable(string name)
    {
        if (Variables is null)
        {
            return Environment.GetEnvironmentVariable(name);
        }

        return Variables.TryGetValue(name, out var value) ? value : null;
    }
}
