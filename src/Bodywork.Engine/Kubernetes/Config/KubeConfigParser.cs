using System.Globalization;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bodywork.Engine.Kubernetes.Config;

/// <summary>
/// Reads one kubeconfig file (YAML or JSON) into a <see cref="KubeConfigDocument"/>: unknown keys ignored,
/// duplicate names rejected, relative paths resolved against this file's folder.
/// </summary>
internal sealed class KubeConfigParser
{
    private readonly string _file;
    private readonly string _directory;
    private readonly bool _isWindows;

    private KubeConfigParser(string file, bool isWindows)
    {
        _file = file;
        _directory = Path.GetDirectoryName(file) ?? ".";
        _isWindows = isWindows;
    }

    public static KubeConfigDocument ParseFile(string file, bool isWindows)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw KubeConfigErrors.Invalid(file, null, null, $"the file cannot be read: {e.Message}", e);
        }
        return Parse(file, text, isWindows);
    }

    public static KubeConfigDocument Parse(string file, string text, bool isWindows) =>
        new KubeConfigParser(file, isWindows).Parse(text);

    private KubeConfigDocument Parse(string text)
    {
        var document = new KubeConfigDocument();
        if (string.IsNullOrWhiteSpace(text))
        {
            return document;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw KubeConfigErrors.Invalid(_file, (int)e.Start.Line, null, $"not valid YAML or JSON: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw KubeConfigErrors.Invalid(_file, null, null, $"not valid YAML or JSON: {e.Message}", e);
        }
        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
        {
            return document;
        }
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw KubeConfigErrors.Invalid(_file, Line(stream.Documents[0].RootNode), null,
                "expected a mapping with apiVersion, kind, clusters, users and contexts");
        }

        document.CurrentContext = String(root, "current-context", "current-context");
        foreach (var (node, name, line) in NamedEntries(root, "clusters", "cluster"))
        {
            document.Clusters[name] = ReadCluster(node, name, line);
        }
        foreach (var (node, name, line) in NamedEntries(root, "users", "user"))
        {
            document.Users[name] = ReadUser(node, name, line);
        }
        foreach (var (node, name, line) in NamedEntries(root, "contexts", "context"))
        {
            document.Contexts[name] = ReadContext(node, name, line);
        }
        return document;
    }

    /// <summary>Yields (body, name) for each <c>{name, cluster|user|context}</c> item; a name twice in one file is an error.</summary>
    private IEnumerable<(YamlMappingNode Body, string Name, int Line)> NamedEntries(YamlMappingNode root, string listKey, string bodyKey)
    {
        var list = Child(root, listKey);
        if (list is null || IsNull(list))
        {
            yield break;
        }
        if (list is not YamlSequenceNode sequence)
        {
            throw KubeConfigErrors.Invalid(_file, Line(list), listKey, $"expected a list of {{name, {bodyKey}}} entries");
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in sequence)
        {
            var path = $"{listKey}[{index++}]";
            if (item is not YamlMappingNode entry)
            {
                throw KubeConfigErrors.Invalid(_file, Line(item), path, $"expected a mapping with 'name' and '{bodyKey}'");
            }
            var name = String(entry, "name", path + ".name");
            if (string.IsNullOrEmpty(name))
            {
                throw KubeConfigErrors.Invalid(_file, Line(entry), path + ".name", "expected a non-empty name");
            }
            if (seen.TryGetValue(name, out var firstLine))
            {
                throw KubeConfigErrors.Invalid(_file, Line(entry), path + ".name",
                    $"the name '{name}' appears more than once in {listKey} (first at line {firstLine})");
            }
            seen[name] = Line(entry);

            var body = Child(entry, bodyKey);
            if (body is null || IsNull(body))
            {
                body = new YamlMappingNode();
            }
            else if (body is not YamlMappingNode)
            {
                throw KubeConfigErrors.Invalid(_file, Line(body), $"{listKey}[{name}].{bodyKey}", "expected a mapping");
            }
            yield return ((YamlMappingNode)body, name, Line(entry));
        }
    }

    private KubeConfigCluster ReadCluster(YamlMappingNode node, string name, int line)
    {
        var prefix = $"clusters[{name}].cluster.";
        return new KubeConfigCluster
        {
            Name = name,
            Source = new KubeConfigSource(_file, line),
            Server = String(node, "server", prefix + "server"),
            CertificateAuthority = PathValue(node, "certificate-authority", prefix),
            CertificateAuthorityData = String(node, "certificate-authority-data", prefix + "certificate-authority-data"),
            InsecureSkipTlsVerify = Bool(node, "insecure-skip-tls-verify", prefix),
            TlsServerName = String(node, "tls-server-name", prefix + "tls-server-name"),
            ProxyUrl = String(node, "proxy-url", prefix + "proxy-url"),
            DisableCompression = Bool(node, "disable-compression", prefix),
            ExecExtensionJson = ExecExtension(node, prefix),
        };
    }

    private KubeConfigUser ReadUser(YamlMappingNode node, string name, int line)
    {
        var prefix = $"users[{name}].user.";
        var authProvider = Child(node, "auth-provider");
        string? authProviderName = null;
        if (authProvider is YamlMappingNode providerNode)
        {
            authProviderName = String(providerNode, "name", prefix + "auth-provider.name") ?? "";
        }
        else if (authProvider is not null && !IsNull(authProvider))
        {
            throw KubeConfigErrors.Invalid(_file, Line(authProvider), prefix + "auth-provider", "expected a mapping with 'name' and 'config'");
        }

        return new KubeConfigUser
        {
            Name = name,
            Source = new KubeConfigSource(_file, line),
            ClientCertificate = PathValue(node, "client-certificate", prefix),
            ClientCertificateData = String(node, "client-certificate-data", prefix + "client-certificate-data"),
            ClientKey = PathValue(node, "client-key", prefix),
            ClientKeyData = String(node, "client-key-data", prefix + "client-key-data"),
            Token = String(node, "token", prefix + "token"),
            TokenFile = PathValue(node, "tokenFile", prefix),
            Username = String(node, "username", prefix + "username"),
            Password = String(node, "password", prefix + "password"),
            Impersonate = String(node, "as", prefix + "as"),
            ImpersonateUid = String(node, "as-uid", prefix + "as-uid"),
            ImpersonateGroups = StringList(node, "as-groups", prefix + "as-groups"),
            ImpersonateUserExtra = StringListMap(node, "as-user-extra", prefix + "as-user-extra"),
            Exec = ReadExec(node, prefix, line),
            AuthProviderName = authProviderName,
        };
    }

    private KubeConfigExec? ReadExec(YamlMappingNode user, string prefix, int userLine)
    {
        var child = Child(user, "exec");
        if (child is null || IsNull(child))
        {
            return null;
        }
        if (child is not YamlMappingNode node)
        {
            throw KubeConfigErrors.Invalid(_file, Line(child), prefix + "exec", "expected a mapping with command, args, env and apiVersion");
        }
        prefix += "exec.";

        var command = String(node, "command", prefix + "command");
        // kubectl: a bare name is looked up on PATH; only a name with a separator is relative to this file.
        if (!string.IsNullOrEmpty(command) && HasDirectorySeparator(command) && !Path.IsPathRooted(command))
        {
            command = Path.GetFullPath(Path.Combine(_directory, command));
        }

        var env = new List<KeyValuePair<string, string>>();
        var envNode = Child(node, "env");
        if (envNode is YamlSequenceNode envList)
        {
            var index = 0;
            foreach (var item in envList)
            {
                var itemKey = $"{prefix}env[{index++}]";
                if (item is not YamlMappingNode entry)
                {
                    throw KubeConfigErrors.Invalid(_file, Line(item), itemKey, "expected a mapping with 'name' and 'value'");
                }
                var envName = String(entry, "name", itemKey + ".name");
                if (string.IsNullOrEmpty(envName))
                {
                    throw KubeConfigErrors.Invalid(_file, Line(entry), itemKey + ".name", "expected an environment variable name, found none");
                }
                env.Add(new(envName, String(entry, "value", itemKey + ".value") ?? ""));
            }
        }
        else if (envNode is not null && !IsNull(envNode))
        {
            throw KubeConfigErrors.Invalid(_file, Line(envNode), prefix + "env", "expected a list of {name, value} entries");
        }

        return new KubeConfigExec
        {
            Source = new KubeConfigSource(_file, Line(node) > 0 ? Line(node) : userLine),
            Command = command,
            Args = StringList(node, "args", prefix + "args"),
            Env = env,
            ApiVersion = String(node, "apiVersion", prefix + "apiVersion"),
            InstallHint = String(node, "installHint", prefix + "installHint"),
            ProvideClusterInfo = Bool(node, "provideClusterInfo", prefix),
            InteractiveMode = String(node, "interactiveMode", prefix + "interactiveMode"),
        };
    }

    private KubeConfigContext ReadContext(YamlMappingNode node, string name, int line)
    {
        var prefix = $"contexts[{name}].context.";
        return new KubeConfigContext
        {
            Name = name,
            Source = new KubeConfigSource(_file, line),
            Cluster = String(node, "cluster", prefix + "cluster"),
            User = String(node, "user", prefix + "user"),
            Namespace = String(node, "namespace", prefix + "namespace"),
        };
    }

    private bool HasDirectorySeparator(string value) => value.Contains('/') || (_isWindows && value.Contains('\\'));

    private string? PathValue(YamlMappingNode node, string key, string prefix)
    {
        var value = String(node, key, prefix + key);
        if (string.IsNullOrEmpty(value) || Path.IsPathRooted(value))
        {
            return value;
        }
        return Path.GetFullPath(Path.Combine(_directory, value));
    }

    private string? ExecExtension(YamlMappingNode cluster, string prefix)
    {
        if (Child(cluster, "extensions") is not YamlSequenceNode extensions)
        {
            return null;
        }
        foreach (var item in extensions)
        {
            if (item is YamlMappingNode entry
                && Child(entry, "name") is YamlScalarNode { Value: "client.authentication.k8s.io/exec" }
                && Child(entry, "extension") is { } extension && !IsNull(extension))
            {
                try
                {
                    return YamlToJson(extension);
                }
                catch (FormatException e)
                {
                    throw KubeConfigErrors.Invalid(_file, Line(extension), prefix + "extensions", e.Message);
                }
            }
        }
        return null;
    }

    private string? String(YamlMappingNode node, string key, string path)
    {
        var child = Child(node, key);
        if (child is null || IsNull(child))
        {
            return null;
        }
        if (child is not YamlScalarNode scalar)
        {
            throw KubeConfigErrors.Invalid(_file, Line(child), path, "expected a string value, found a " + (child is YamlSequenceNode ? "list" : "mapping"));
        }
        return scalar.Value;
    }

    private bool Bool(YamlMappingNode node, string key, string prefix)
    {
        var value = String(node, key, prefix + key);
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }
        return value.ToUpperInvariant() switch
        {
            "TRUE" => true,
            "FALSE" => false,
            _ => throw KubeConfigErrors.Invalid(_file, Line(Child(node, key)!), prefix + key, $"expected true or false, found '{value}'"),
        };
    }

    private List<string> StringList(YamlMappingNode node, string key, string path)
    {
        var child = Child(node, key);
        if (child is null || IsNull(child))
        {
            return [];
        }
        if (child is not YamlSequenceNode sequence)
        {
            throw KubeConfigErrors.Invalid(_file, Line(child), path, "expected a list of strings");
        }
        var result = new List<string>();
        var index = 0;
        foreach (var item in sequence)
        {
            if (item is not YamlScalarNode scalar)
            {
                throw KubeConfigErrors.Invalid(_file, Line(item), $"{path}[{index}]", "expected a string");
            }
            result.Add(scalar.Value ?? "");
            index++;
        }
        return result;
    }

    private Dictionary<string, IReadOnlyList<string>> StringListMap(YamlMappingNode node, string key, string path)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var child = Child(node, key);
        if (child is null || IsNull(child))
        {
            return result;
        }
        if (child is not YamlMappingNode map)
        {
            throw KubeConfigErrors.Invalid(_file, Line(child), path, "expected a mapping of names to lists of strings");
        }
        foreach (var (k, _) in map.Children)
        {
            var name = ((YamlScalarNode)k).Value ?? "";
            result[name] = StringList(map, name, $"{path}.{name}");
        }
        return result;
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "null" or "~" };

    private static int Line(YamlNode node) => (int)node.Start.Line;

    /// <summary>Turns a YAML value into JSON text; plain scalars that read as numbers, booleans or null keep that type.</summary>
    private static string YamlToJson(YamlNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteJson(writer, node);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteJson(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                writer.WriteStartObject();
                foreach (var (key, value) in map.Children)
                {
                    writer.WritePropertyName(key is YamlScalarNode s ? s.Value ?? "" : throw new FormatException("expected string keys in the exec extension"));
                    WriteJson(writer, value);
                }
                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence)
                {
                    WriteJson(writer, item);
                }
                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar when scalar.Style == ScalarStyle.Plain:
                var text = scalar.Value ?? "";
                if (text is "" or "null" or "~")
                {
                    writer.WriteNullValue();
                }
                else if (text is "true" or "false")
                {
                    writer.WriteBooleanValue(text == "true");
                }
                else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && !text.StartsWith('+'))
                {
                    writer.WriteRawValue(text);
                }
                else
                {
                    writer.WriteStringValue(text);
                }
                break;
            case YamlScalarNode scalar:
                writer.WriteStringValue(scalar.Value);
                break;
            default:
                throw new FormatException("unsupported YAML node in the exec extension");
        }
    }
}
