using System.Text;

namespace Bodywork.Engine.Tests.Support;

/// <summary>
/// Writes a Bodywork project (original v0.2 format) into a fresh temp folder for a test, and deletes it
/// on Dispose. Start from valid defaults and change only what the test is about:
/// <code>
/// using var project = new ProjectBuilder().WithBatchStage("train").WithServiceStage("serve");
/// var path = project.Build();   // DAG defaults to "train >> serve"
/// </code>
/// </summary>
public sealed class ProjectBuilder : IDisposable
{
    public const string DefaultImage = "bodyworkml/bodywork-core:latest";

    private readonly List<string> _stages = [];
    private readonly Dictionary<string, byte[]?> _files = new(StringComparer.Ordinal);
    private string? _bodyworkIni;

    public ProjectBuilder()
    {
        Root = Path.Combine(Path.GetTempPath(), "bodywork-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    /// <summary>The project folder (exists from construction on).</summary>
    public string Root { get; }

    public string ProjectName { get; set; } = "test-project";
    public string Image { get; set; } = DefaultImage;
    public string LogLevel { get; set; } = "INFO";
    /// <summary>Null: every stage added, in order, one per step.</summary>
    public string? Dag { get; set; }

    public ProjectBuilder WithProjectName(string name) { ProjectName = name; return this; }
    public ProjectBuilder WithImage(string image) { Image = image; return this; }
    public ProjectBuilder WithLogLevel(string level) { LogLevel = level; return this; }
    public ProjectBuilder WithDag(string dag) { Dag = dag; return this; }

    /// <summary>Uses this text as bodywork.ini instead of the generated one.</summary>
    public ProjectBuilder WithBodyworkIni(string text) { _bodyworkIni = text; return this; }

    /// <summary>A batch stage with a valid config.ini and a script file (<c>main.py</c> unless given).</summary>
    public ProjectBuilder WithBatchStage(string name, int retries = 2, int maxCompletionTimeSeconds = 60,
        string script = "main.py", string scriptBody = "print('hello')\n", string? secrets = null) =>
        WithStage(name, BatchConfig(script, retries, maxCompletionTimeSeconds) + SecretsSection(secrets), script, scriptBody);

    /// <summary>A service stage with a valid config.ini and a script file.</summary>
    public ProjectBuilder WithServiceStage(string name, int port = 5000, int replicas = 1, int maxStartupTimeSeconds = 30,
        string script = "main.py", string scriptBody = "print('serving')\n", string? secrets = null) =>
        WithStage(name, ServiceConfig(script, port, replicas, maxStartupTimeSeconds) + SecretsSection(secrets), script, scriptBody);

    /// <summary>A stage folder with the given config.ini text (and the script file when named).</summary>
    public ProjectBuilder WithStage(string name, string configIni, string? script = "main.py", string scriptBody = "print('hello')\n")
    {
        _stages.Add(name);
        WithFile($"{name}/config.ini", configIni);
        if (script is not null)
        {
            WithFile($"{name}/{script}", scriptBody);
        }
        return this;
    }

    public ProjectBuilder WithFile(string relativePath, string text) => WithBytes(relativePath, Encoding.UTF8.GetBytes(text));

    public ProjectBuilder WithBytes(string relativePath, byte[] bytes)
    {
        _files[relativePath] = bytes;
        return this;
    }

    /// <summary>Makes sure a file does not exist after Build (e.g. remove a stage's config.ini).</summary>
    public ProjectBuilder WithoutFile(string relativePath)
    {
        _files[relativePath] = null;
        return this;
    }

    /// <summary>Writes everything and returns <see cref="Root"/>.</summary>
    public string Build()
    {
        if (!_files.ContainsKey("bodywork.ini"))
        {
            Write("bodywork.ini", Encoding.UTF8.GetBytes(_bodyworkIni ?? BodyworkIni(ProjectName, Image, Dag ?? string.Join(" >> ", _stages), LogLevel)));
        }
        foreach (var (path, bytes) in _files)
        {
            Write(path, bytes);
        }
        return Root;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A test may still hold a file open on Windows; the temp folder is cleaned up eventually.
        }
    }

    public static string BodyworkIni(string projectName, string image, string dag, string logLevel) =>
        $"[default]\nPROJECT_NAME={projectName}\nDOCKER_IMAGE={image}\n\n[workflow]\nDAG={dag}\n\n[logging]\nLOG_LEVEL={logLevel}\n";

    /// <summary>Lines: 1 [default], 2 STAGE_TYPE, 3 EXECUTABLE_SCRIPT, 4 CPU_REQUEST, 5 MEMORY_REQUEST_MB, 7 [batch], 8 MAX_COMPLETION_TIME_SECONDS, 9 RETRIES.</summary>
    public static string BatchConfig(string script = "main.py", int retries = 2, int maxCompletionTimeSeconds = 60) =>
        $"[default]\nSTAGE_TYPE=batch\nEXECUTABLE_SCRIPT={script}\nCPU_REQUEST=0.5\nMEMORY_REQUEST_MB=100\n\n"
        + $"[batch]\nMAX_COMPLETION_TIME_SECONDS={maxCompletionTimeSeconds}\nRETRIES={retries}\n";

    /// <summary>Lines: 1 [default] … 5 MEMORY_REQUEST_MB, 7 [service], 8 MAX_STARTUP_TIME_SECONDS, 9 REPLICAS, 10 PORT.</summary>
    public static string ServiceConfig(string script = "main.py", int port = 5000, int replicas = 1, int maxStartupTimeSeconds = 30) =>
        $"[default]\nSTAGE_TYPE=service\nEXECUTABLE_SCRIPT={script}\nCPU_REQUEST=0.5\nMEMORY_REQUEST_MB=100\n\n"
        + $"[service]\nMAX_STARTUP_TIME_SECONDS={maxStartupTimeSeconds}\nREPLICAS={replicas}\nPORT={port}\n";

    private static string SecretsSection(string? secrets) => secrets is null ? "" : $"\n[secrets]\n{secrets}\n";

    private void Write(string relativePath, byte[]? bytes)
    {
        var full = Path.Combine(Root, relativePath);
        if (bytes is null)
        {
            // The folder may not exist yet (files are written in the order they were first named).
            if (File.Exists(full))
            {
                File.Delete(full);
            }
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
    }
}
