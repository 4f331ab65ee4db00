using Bodywork.Engine.Validation;
using Bodywork.Models.Projects;

namespace Bodywork.Engine.Projects;

/// <summary>Reads and checks one stage directory and its config.ini; every problem becomes an issue.</summary>
internal static class StageConfigReader
{
    public const string ConfigFileName = "config.ini";
    public const string RequirementsFileName = "requirements.txt";

    /// <summary>The stage, or null when any of its problems was reported.</summary>
    public static BodyworkStage? Read(string projectRoot, string projectName, string stageName, ProjectIssueList issues)
    {
        var before = issues.Count;
        var directory = Path.Combine(projectRoot, stageName);
        var relativeConfig = $"{stageName}/{ConfigFileName}";
        var file = ConfigFile.Load(Path.Combine(directory, ConfigFileName), relativeConfig, issues);
        if (file is null)
        {
            return null;
        }

        var stageType = file.GetNonEmpty("default", "STAGE_TYPE", "batch or service");
        StageKind? kind = stageType?.Text.ToLowerInvariant() switch
        {
            null => null,
            "batch" => StageKind.Batch,
            "service" => StageKind.Service,
            _ => null,
        };
        if (stageType is not null && kind is null)
        {
            file.Report(stageType, $"expected batch or service, found {ConfigFile.Quote(stageType.Text)}");
        }
        var script = ReadExecutableScript(file, directory, stageName);
        var cpu = file.GetNonNegativeFloat("default", "CPU_REQUEST", "CPU cores");
        var memory = ReadMemory(file);
        var requirements = File.Exists(Path.Combine(directory, RequirementsFileName)) ? RequirementsFileName : null;

        long? retries = null, maxCompletion = null, maxStartup = null, replicas = null, port = null;
        if (kind == StageKind.Batch && file.RequireSection("batch", "(required when STAGE_TYPE is batch)"))
        {
            maxCompletion = file.GetInt("batch", "MAX_COMPLETION_TIME_SECONDS", 1, int.MaxValue);
            retries = file.GetInt("batch", "RETRIES", 0, int.MaxValue);
        }
        else if (kind == StageKind.Service && file.RequireSection("service", "(required when STAGE_TYPE is service)"))
        {
            maxStartup = file.GetInt("service", "MAX_STARTUP_TIME_SECONDS", 1, int.MaxValue);
            replicas = file.GetInt("service", "REPLICAS", 1, int.MaxValue);
            port = file.GetInt("service", "PORT", 1, 65535);
        }
        var secrets = ReadSecrets(file);

        if (issues.Count > before || kind is null || script is null || cpu is null || memory is null)
        {
            return null;
        }
        return new BodyworkStage
        {
            Name = stageName,
            ProjectName = projectName,
            Kind = kind.Value,
            Directory = directory,
            ExecutableScript = script,
            RequirementsFile = requirements,
            CpuRequest = cpu.Value,
            MemoryRequestMB = memory.Value,
            Retries = (int?)retries,
            MaxCompletionTimeSeconds = (int?)maxCompletion,
            Replicas = (int?)replicas,
            Port = (int?)port,
            MaxStartupTimeSeconds = (int?)maxStartup,
            Secrets = secrets,
        };
    }

    /// <summary>A relative path to an existing file inside the stage directory, with '/' separators.</summary>
    private static string? ReadExecutableScript(ConfigFile file, string directory, string stageName)
    {
        var value = file.GetNonEmpty("default", "EXECUTABLE_SCRIPT", "the path of a Python file inside the stage directory");
        if (value is null)
        {
            return null;
        }
        if (value.Text.Any(char.IsControl))
        {
            // A NUL or other control character can never be part of a file name we can run (and NUL makes .NET path APIs throw).
            file.Report(value, $"expected a file name without control characters, found {ConfigFile.Quote(value.Text)}");
            return null;
        }
        var script = value.Text.Replace('\\', '/');
        if (script.StartsWith('/') || Path.IsPathRooted(value.Text) || script.Contains(':', StringComparison.Ordinal))
        {
            file.Report(value, $"expected a path relative to the stage directory {stageName}/, found {ConfigFile.Quote(value.Text)}");
            return null;
        }
        if (script.Split('/').Any(part => part == ".."))
        {
            file.Report(value, $"expected a path inside the stage directory {stageName}/ (no '..'), found {ConfigFile.Quote(value.Text)}");
            return null;
        }
        var fullPath = Path.GetFullPath(Path.Combine(directory, script));
        if (!File.Exists(fullPath))
        {
            file.Report(value, $"cannot find {stageName}/{script}: expected the executable script to exist in stage {stageName}");
            return null;
        }
        return script;
    }

    /// <summary>MEMORY_REQUEST_MB, or MEMORY_REQUEST as the original's docs call it.</summary>
    private static long? ReadMemory(ConfigFile file)
    {
        var exact = file.GetString("default", "MEMORY_REQUEST_MB", required: false);
        var alias = file.GetString("default", "MEMORY_REQUEST", required: false);
        if (exact is not null && alias is not null)
        {
            file.Report(alias, "expected only one of MEMORY_REQUEST_MB and MEMORY_REQUEST, found both");
            return null;
        }
        var value = exact ?? alias;
        if (value is null)
        {
            if (file.HasSection("default"))
            {
                file.Issues.Add(file.RelativePath, file.Document.GetSection("default")!.Line, "default", "MEMORY_REQUEST_MB",
                    $"missing key MEMORY_REQUEST_MB in section [default] of {file.RelativePath}");
            }
            return null;
        }
        if (!PythonNumbers.TryParseInt(value.Text, out var megabytes) || megabytes < 0)
        {
            file.Report(value, $"expected a whole number of megabytes >= 0 (0 = no request), found {ConfigFile.Quote(value.Text)}");
            return null;
        }
        return megabytes;
    }

    /// <summary>[secrets]: ENV_VAR = secret-name, the variable name being also the key inside the secret.</summary>
    private static List<StageSecret> ReadSecrets(ConfigFile file)
    {
        var secrets = new List<StageSecret>();
        var section = file.Document.GetSection("secrets");
        if (section is null)
        {
            return secrets;
        }
        foreach (var entry in section.Entries)
        {
            var variable = entry.Key.ToUpperInvariant();
            var value = file.GetString("secrets", entry.Key);
            if (value is null)
            {
                continue;
            }
            value = value with { Key = variable };
            var ok = true;
            if (KubernetesNames.ValidateEnvVarName(variable) is string badVariable)
            {
                file.Report(value, $"expected an environment variable name (letters, digits, '_'), found {ConfigFile.Quote(entry.Key)}: it {badVariable}");
                ok = false;
            }
            var secretName = value.Text.ToLowerInvariant();
            if (KubernetesNames.ValidateDns1123Subdomain(secretName) is string badName)
            {
                file.Report(value, $"expected the name of a Kubernetes secret, found {ConfigFile.Quote(value.Text)}: it {badName}");
                ok = false;
            }
            if (ok)
            {
                secrets.Add(new StageSecret(variable, secretName));
            }
        }
        return secrets;
    }
}
