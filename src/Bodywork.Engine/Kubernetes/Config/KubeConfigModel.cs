namespace Bodywork.Engine.Kubernetes.Config;

// The kubeconfig as written, one entry per named cluster/user/context. Paths are already absolute
// (resolved against the file that defined the entry). Classes, not records: a record's generated
// ToString would print tokens and keys.

/// <summary>Where an entry came from, for error messages.</summary>
internal readonly record struct KubeConfigSource(string File, int Line);

internal sealed class KubeConfigCluster
{
    public required string Name { get; init; }
    public required KubeConfigSource Source { get; init; }
    public string? Server { get; init; }
    public string? CertificateAuthority { get; init; }
    public string? CertificateAuthorityData { get; init; }
    public bool InsecureSkipTlsVerify { get; init; }
    public string? TlsServerName { get; init; }
    public string? ProxyUrl { get; init; }
    public bool DisableCompression { get; init; }

    /// <summary>JSON of the extension named client.authentication.k8s.io/exec, handed to exec plugins.</summary>
    public string? ExecExtensionJson { get; init; }

    public override string ToString() => Name;
}

internal sealed class KubeConfigUser
{
    public required string Name { get; init; }
    public required KubeConfigSource Source { get; init; }
    public string? ClientCertificate { get; init; }
    public string? ClientCertificateData { get; init; }
    public string? ClientKey { get; init; }
    public string? ClientKeyData { get; init; }
    public string? Token { get; init; }
    public string? TokenFile { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string? Impersonate { get; init; }
    public string? ImpersonateUid { get; init; }
    public IReadOnlyList<string> ImpersonateGroups { get; init; } = [];
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ImpersonateUserExtra { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public KubeConfigExec? Exec { get; init; }
    public string? AuthProviderName { get; init; }

    public override string ToString() => Name;
}

internal sealed class KubeConfigExec
{
    public required KubeConfigSource Source { get; init; }
    public string? Command { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];
    public string? ApiVersion { get; init; }
    public string? InstallHint { get; init; }
    public bool ProvideClusterInfo { get; init; }
    public string? InteractiveMode { get; init; }

    public override string ToString() => Command ?? "";
}

internal sealed class KubeConfigContext
{
    public required string Name { get; init; }
    public required KubeConfigSource Source { get; init; }
    public string? Cluster { get; init; }
    public string? User { get; init; }
    public string? Namespace { get; init; }

    public override string ToString() => Name;
}

/// <summary>One file, or the merge of several (first definition of a name wins).</summary>
internal sealed class KubeConfigDocument
{
    public string? CurrentContext { get; set; }
    public Dictionary<string, KubeConfigCluster> Clusters { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, KubeConfigUser> Users { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, KubeConfigContext> Contexts { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Clusters.Count == 0 && Users.Count == 0 && Contexts.Count == 0 && string.IsNullOrEmpty(CurrentContext);

    /// <summary>kubectl's merge: a later file only adds names not seen yet, and fills current-context if still empty.</summary>
    public void MergeFrom(KubeConfigDocument later)
    {
        if (string.IsNullOrEmpty(CurrentContext))
        {
            CurrentContext = later.CurrentContext;
        }
        foreach (var (name, cluster) in later.Clusters)
        {
            Clusters.TryAdd(name, cluster);
        }
        foreach (var (name, user) in later.Users)
        {
            Users.TryAdd(name, user);
        }
        foreach (var (name, context) in later.Contexts)
        {
            Contexts.TryAdd(name, context);
        }
    }
}
