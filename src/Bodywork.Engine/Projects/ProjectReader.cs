using Bodywork.Engine.Validation;
using Bodywork.Models.Projects;

namespace Bodywork.Engine.Projects;

/// <summary>Reads bodywork.ini and every stage its DAG names, collecting all problems at once.</summary>
internal static class ProjectReader
{
    public const string ProjectFileName = "bodywork.ini";

    private static readonly string[] LogLevels = ["CRITICAL", "FATAL", "ERROR", "WARNING", "WARN", "INFO", "DEBUG", "NOTSET"];

    public static BodyworkValidationResult Read(string path)
    {
        var issues = new ProjectIssueList();
        if (string.IsNullOrWhiteSpace(path))
        {
            issues.Add(ProjectFileName, null, null, null, "no project path given: expected a folder holding bodywork.ini");
            return new BodyworkValidationResult(path ?? "", issues.Items, null);
        }
        string root, configPath, configName;
        try
        {
            var full = Path.GetFullPath(path);
            if (File.Exists(full))
            {
                root = Path.GetDirectoryName(full)!;
                configPath = full;
                configName = Path.GetFileName(full);
            }
            else if (Directory.Exists(full))
            {
                root = full;
                configPath = Path.Combine(full, ProjectFileName);
                configName = ProjectFileName;
            }
            else
            {
                issues.Add(ProjectFileName, null, null, null, $"no project found at {path}: the folder does not exist");
                return new BodyworkValidationResult(full, issues.Items, null);
            }
        }
        catch (Exception e) when (e is ArgumentException or IOException or NotSupportedException or UnauthorizedAccessException)
        {
            issues.Add(ProjectFileName, null, null, null, $"cannot use project path {path}: {e.Message}");
            return new BodyworkValidationResult(path, issues.Items, null);
        }

        var project = ReadProject(root, configPath, configName, issues);
        return new BodyworkValidationResult(root, issues.Items, issues.Count == 0 ? project : null);
    }

    private static BodyworkProject? ReadProject(string root, string configPath, string configName, ProjectIssueList issues)
    {
        var file = ConfigFile.Load(configPath, configName, issues);
        if (file is null)
        {
            return null;
        }
        var name = ReadProjectName(file);
        var image = ReadImage(file);
        var dagValue = file.GetNonEmpty("workflow", "DAG", "a DAG such as 'prepare >> train-a, train-b >> serve'");
        var logLevel = ReadLogLevel(file);

        IReadOnlyList<IReadOnlyList<string>> steps = [];
        var stages = new List<BodyworkStage>();
        if (dagValue is not null)
        {
            var dagErrors = new List<string>();
            steps = DagParser.Parse(dagValue.Text, dagErrors);
            foreach (var error in dagErrors)
            {
                file.Report(dagValue, error);
            }
            foreach (var stageName in steps.SelectMany(s => s).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal))
            {
                var stage = ReadStage(root, file, dagValue, name, stageName, issues);
                if (stage is not null)
                {
                    stages.Add(stage);
                }
            }
        }
        if (issues.Count > 0 || name is null || image is null || dagValue is null || logLevel is null)
        {
            return null;
        }
        return new BodyworkProject
        {
            Name = name,
            Image = image,
            LogLevel = logLevel,
            Path = root,
            Dag = dagValue.Text,
            Steps = steps,
            Stages = stages,
        };
    }

    private static BodyworkStage? ReadStage(string root, ConfigFile file, ConfigValue dag, string? projectName, string stageName, ProjectIssueList issues)
    {
        if (stageName is "." or ".." || stageName.IndexOfAny(['/', '\\', ':']) >= 0)
        {
            file.Report(dag, $"expected stage names that are folders of the project, found {ConfigFile.Quote(stageName)}");
            return null;
        }
        if (KubernetesNames.ValidateDns1123Label(stageName) is string badStage)
        {
            file.Report(dag, $"stage name {ConfigFile.Quote(stageName)} is used in Kubernetes object names and {badStage}");
        }
        else if (projectName is not null && KubernetesNames.ValidateDns1035Label($"{projectName}--{stageName}") is string badObject)
        {
            file.Report(dag, $"object name '{projectName}--{stageName}' (PROJECT_NAME--stage) {badObject}");
        }
        if (!Directory.Exists(Path.Combine(root, stageName)))
        {
            file.Report(dag, $"Bodywork stage directory {stageName} does not exist (expected a folder {stageName}/ next to {file.RelativePath})");
            return null;
        }
        return StageConfigReader.Read(root, projectName ?? "", stageName, issues);
    }

    private static string? ReadProjectName(ConfigFile file)
    {
        var value = file.GetNonEmpty("default", "PROJECT_NAME", "a project name such as 'my-project'");
        if (value is null)
        {
            return null;
        }
        var name = value.Text.ToLowerInvariant();
        if (KubernetesNames.ValidateDns1035Label(name) is string error)
        {
            file.Report(value, $"expected a name usable in Kubernetes object names, found {ConfigFile.Quote(value.Text)}: it {error}");
            return null;
        }
        return name;
    }

    private static string? ReadImage(ConfigFile file)
    {
        var value = file.GetNonEmpty("default", "DOCKER_IMAGE", "an image such as 'bodyworkml/bodywork-core:latest'");
        if (value is null)
        {
            return null;
        }
        var image = value.Text.ToLowerInvariant();
        if (ImageReference.Validate(image) is string error)
        {
            file.Report(value, $"expected an image reference such as 'bodyworkml/bodywork-core:latest' or 'ghcr.io/org/image:tag', found {ConfigFile.Quote(value.Text)}: it {error}");
            return null;
        }
        return image;
    }

    private static string? ReadLogLevel(ConfigFile file)
    {
        var value = file.GetNonEmpty("logging", "LOG_LEVEL", "one of " + string.Join(' ', LogLevels));
        if (value is null)
        {
            return null;
        }
        var level = value.Text.ToUpperInvariant();
        if (!LogLevels.Contains(level, StringComparer.Ordinal))
        {
            file.Report(value, $"expected one of {string.Join(' ', LogLevels)} (any case), found {ConfigFile.Quote(value.Text)}");
            return null;
        }
        return level;
    }
}
