using System.Globalization;
using Bodywork.Engine.Kubernetes.Models;
using Bodywork.Models.Projects;

namespace Bodywork.Engine.Manifests;

/// <summary>
/// The one container of a stage pod (Job and Deployment alike): the project's image running
/// <see cref="StageScript"/>, resource requests, the SSH key and the stage's secrets as env vars through
/// secretKeyRef (Bodywork never reads their values), and the stage's coordinates as plain env vars.
/// </summary>
public static class StageContainer
{
    /// <summary>Container name (as the original).</summary>
    public const string Name = "bodywork";

    /// <summary>Builds the container for <paramref name="stage"/>.</summary>
    public static Container Build(BodyworkStage stage, string projectPath, StageSource source)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(projectPath);
        ArgumentNullException.ThrowIfNull(source);
        var env = new List<EnvVar>
        {
            Plain(StageScript.RepoUrlVariable, source.RepoUrl),
            Plain(StageScript.BranchVariable, source.Branch),
            Plain(StageScript.CommitVariable, source.Commit ?? ""),
            Plain(StageScript.StageDirectoryVariable, StageDirectory(stage, projectPath)),
            Plain(StageScript.ModuleVariable, stage.ExecutableScript),
            Plain(StageScript.RequirementsVariable, stage.RequirementsFile ?? ""),
            SecretRef(StageScript.SshKeyVariable, StageScript.SshKeySecretName, optional: true),
        };
        env.AddRange(stage.Secrets.Select(s => SecretRef(s.EnvironmentVariable, s.SecretName, optional: false)));
        return new Container
        {
            Name = Name,
            Image = source.Image,
            Command = StageScript.Command,
            Env = env,
            Resources = Resources(stage),
            Ports = stage.Kind == StageKind.Service && stage.Port is int port
                ? [new ContainerPort { Name = "http", Port = port, Protocol = "TCP" }]
                : null,
        };
    }

    /// <summary>The stage folder relative to the repository root, with '/' separators.</summary>
    public static string StageDirectory(BodyworkStage stage, string projectPath)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var relative = Path.GetRelativePath(projectPath, stage.Directory).Replace('\\', '/');
        return relative == "." ? stage.Name : relative;
    }

    /// <summary>CPU as millicores and memory as megabytes (the original's <c>&lt;MB&gt;M</c>); 0 means no request.</summary>
    public static ResourceRequirements? Resources(BodyworkStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var requests = new Dictionary<string, string>(StringComparer.Ordinal);
        var millicores = (long)Math.Round(stage.CpuRequest * 1000, MidpointRounding.AwayFromZero);
        if (millicores > 0)
        {
            requests["cpu"] = millicores.ToString(CultureInfo.InvariantCulture) + "m";
        }

        if (stage.MemoryRequestMB > 0)
        {
            requests["memory"] = stage.MemoryRequestMB.ToString(CultureInfo.InvariantCulture) + "M";
        }

        return requests.Count == 0 ? null : new ResourceRequirements { Requests = requests };
    }

    private static EnvVar Plain(string name, string value) => new() { Name = name, Value = value };

    private static EnvVar SecretRef(string name, string secret, bool optional) => new()
    {
        Name = name,
        ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = secret, Key = name, Optional = optional } },
    };
}
