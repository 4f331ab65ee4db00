using System.Text;
using Bodywork.Engine.Projects;
using Bodywork.Engine.Tests.Support;
using Bodywork.Models.Projects;
using Xunit;

namespace Bodywork.Engine.Tests.Projects;

/// <summary>
/// Forms that the original's code or its docs use, all of which must load (architecture.md,
/// "Compatibility": kept, and accepted as the docs wrote them), with every loaded value checked.
/// </summary>
public class AcceptedFormsTests
{
    private static BodyworkProject Load(ProjectBuilder builder)
    {
        var result = BodyworkProjects.Validate(builder.Build());
        Assert.True(result.IsValid, string.Join("\n", result.Issues));
        Assert.NotNull(result.Project);
        return result.Project;
    }

    [Fact]
    public void A_full_project_loads_with_every_value()
    {
        using var builder = new ProjectBuilder()
            .WithBatchStage("prepare", retries: 4, maxCompletionTimeSeconds: 120, secrets: "USERNAME=db-credentials\nPASSWORD=db-credentials")
            .WithBatchStage("train-a", retries: 0, maxCompletionTimeSeconds: 60, script: "jobs/train.py")
            .WithBatchStage("train-b")
            .WithServiceStage("serve", port: 8080, replicas: 3, maxStartupTimeSeconds: 90)
            .WithFile("prepare/requirements.txt", "numpy==1.26.0\n")
            .WithDag("prepare >> train-a, train-b >> serve")
            .WithProjectName("My-Project")
            .WithImage("BodyworkML/bodywork-core:0.2.23")
            .WithLogLevel("DEBUG");

        var project = Load(builder);

        Assert.Equal("my-project", project.Name);
        Assert.Equal("bodyworkml/bodywork-core:0.2.23", project.Image);
        Assert.Equal("DEBUG", project.LogLevel);
        Assert.Equal("prepare >> train-a, train-b >> serve", project.Dag);
        Assert.Equal(builder.Root, project.Path);
        Assert.Equal(3, project.StepCount);
        Assert.Equal(["prepare"], project.Steps[0]);
        Assert.Equal(["train-a", "train-b"], project.Steps[1]);
        Assert.Equal(["serve"], project.Steps[2]);
        Assert.Equal(["prepare", "train-a", "train-b", "serve"], project.Stages.Select(s => s.Name));

        var prepare = project.GetStage("prepare");
        Assert.Equal(StageKind.Batch, prepare.Kind);
        Assert.Equal(4, prepare.Retries);
        Assert.Equal(120, prepare.MaxCompletionTimeSeconds);
        Assert.Null(prepare.Replicas);
        Assert.Null(prepare.Port);
        Assert.Null(prepare.MaxStartupTimeSeconds);
        Assert.Equal(0.5, prepare.CpuRequest);
        Assert.Equal(100, prepare.MemoryRequestMB);
        Assert.Equal("main.py", prepare.ExecutableScript);
        Assert.Equal("requirements.txt", prepare.RequirementsFile);
        Assert.Equal(Path.Combine(builder.Root, "prepare"), prepare.Directory);
        Assert.Equal("my-project--prepare", prepare.ObjectName);
        Assert.Equal([new StageSecret("USERNAME", "db-credentials"), new StageSecret("PASSWORD", "db-credentials")], prepare.Secrets);

        var trainA = project.GetStage("train-a");
        Assert.Equal(0, trainA.Retries);
        Assert.Equal("jobs/train.py", trainA.ExecutableScript);
        Assert.Null(trainA.RequirementsFile);
        Assert.Empty(trainA.Secrets);

        var serve = project.GetStage("serve");
        Assert.Equal(StageKind.Service, serve.Kind);
        Assert.Equal(3, serve.Replicas);
        Assert.Equal(8080, serve.Port);
        Assert.Equal(90, serve.MaxStartupTimeSeconds);
        Assert.Null(serve.Retries);
        Assert.Null(serve.MaxCompletionTimeSeconds);
    }

    [Fact]
    public void Values_in_matching_quotes_are_read_without_them_as_the_docs_write_them()
    {
        using var builder = new ProjectBuilder()
            .WithBodyworkIni("[default]\nPROJECT_NAME=\"quoted-project\"\nDOCKER_IMAGE='bodyworkml/bodywork-core:latest'\n\n"
                + "[workflow]\nDAG=\"train >> serve\"\n\n[logging]\nLOG_LEVEL=\"INFO\"\n")
            .WithStage("train", "[default]\nSTAGE_TYPE=\"batch\"\nEXECUTABLE_SCRIPT=\"main.py\"\nCPU_REQUEST=\"0.5\"\nMEMORY_REQUEST_MB=\"100\"\n\n"
                + "[batch]\nMAX_COMPLETION_TIME_SECONDS=\"60\"\nRETRIES='2'\n\n[secrets]\nTOKEN=\"api-token\"\n")
            .WithStage("serve", "[default]\nSTAGE_TYPE='service'\nEXECUTABLE_SCRIPT='main.py'\nCPU_REQUEST='1'\nMEMORY_REQUEST_MB='250'\n\n"
                + "[service]\nMAX_STARTUP_TIME_SECONDS=\"30\"\nREPLICAS=\"2\"\nPORT=\"5000\"\n");

        var project = Load(builder);

        Assert.Equal("quoted-project", project.Name);
        Assert.Equal("bodyworkml/bodywork-core:latest", project.Image);
        Assert.Equal("train >> serve", project.Dag);
        Assert.Equal("INFO", project.LogLevel);
        var train = project.GetStage("train");
        Assert.Equal(StageKind.Batch, train.Kind);
        Assert.Equal("main.py", train.ExecutableScript);
        Assert.Equal(2, train.Retries);
        Assert.Equal(60, train.MaxCompletionTimeSeconds);
        Assert.Equal([new StageSecret("TOKEN", "api-token")], train.Secrets);
        var serve = project.GetStage("serve");
        Assert.Equal(StageKind.Service, serve.Kind);
        Assert.Equal(1.0, serve.CpuRequest);
        Assert.Equal(250, serve.MemoryRequestMB);
        Assert.Equal(5000, serve.Port);
        Assert.Equal(2, serve.Replicas);
    }

    [Theory]
    [InlineData("\"batch'")]
    [InlineData("\"batch")]
    [InlineData("batch\"")]
    public void Unmatched_quotes_are_kept_and_reported(string stageType)
    {
        using var builder = new ProjectBuilder().WithStage("train", ProjectBuilder.BatchConfig().Replace("STAGE_TYPE=batch", "STAGE_TYPE=" + stageType, StringComparison.Ordinal));
        var result = BodyworkProjects.Validate(builder.Build());
        var issue = Assert.Single(result.Issues);
        Assert.Equal("STAGE_TYPE", issue.Key);
        Assert.Equal($"expected batch or service, found '{stageType}'", issue.Message);
    }

    [Fact]
    public void Lower_case_keys_colon_delimiters_comments_and_continuation_lines_are_read()
    {
        using var builder = new ProjectBuilder()
            .WithBodyworkIni("# a project\n; in the original format\n[default]\nproject_name: lower-keys\nDocker_Image : bodyworkml/bodywork-core:latest\n\n"
                + "[workflow]\n# the steps\ndag = prepare >>\n    train-a, train-b\n    >> serve\n\n[logging]\nlog_level: info\n")
            .WithStage("prepare", "[default]\nstage_type: batch\n; the entry point\nexecutable_script: main.py\ncpu_request: 0.25\nmemory_request_mb: 64\n\n[batch]\nmax_completion_time_seconds: 30\nretries: 1\n\n[secrets]\napi_key: api-secret\n")
            .WithBatchStage("train-a")
            .WithBatchStage("train-b")
            .WithServiceStage("serve");

        var project = Load(builder);

        Assert.Equal("lower-keys", project.Name);
        Assert.Equal("INFO", project.LogLevel);
        Assert.Equal("prepare >>\ntrain-a, train-b\n>> serve", project.Dag);
        Assert.Equal([["prepare"], ["train-a", "train-b"], ["serve"]], project.Steps.Select(s => s.ToArray()));
        var prepare = project.GetStage("prepare");
        Assert.Equal(StageKind.Batch, prepare.Kind);
        Assert.Equal(0.25, prepare.CpuRequest);
        Assert.Equal(64, prepare.MemoryRequestMB);
        Assert.Equal(30, prepare.MaxCompletionTimeSeconds);
        Assert.Equal(1, prepare.Retries);
        Assert.Equal([new StageSecret("API_KEY", "api-secret")], prepare.Secrets);
    }

    [Fact]
    public void An_inline_comment_is_part_of_the_value_as_in_configparser_so_it_is_reported()
    {
        using var builder = new ProjectBuilder().WithBatchStage("train").WithLogLevel("INFO  # the default");
        var result = BodyworkProjects.Validate(builder.Build());
        var issue = Assert.Single(result.Issues);
        Assert.Equal("LOG_LEVEL", issue.Key);
        Assert.Equal(9, issue.Line);
        Assert.Contains("found 'INFO  # the default'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MEMORY_REQUEST_is_accepted_as_the_docs_name_it()
    {
        using var builder = new ProjectBuilder().WithStage("train",
            ProjectBuilder.BatchConfig().Replace("MEMORY_REQUEST_MB=100", "MEMORY_REQUEST=512", StringComparison.Ordinal));
        Assert.Equal(512, Load(builder).GetStage("train").MemoryRequestMB);
    }

    [Theory]
    [InlineData("info", "INFO")]
    [InlineData("Debug", "DEBUG")]
    [InlineData("warning", "WARNING")]
    [InlineData("warn", "WARN")]
    [InlineData("error", "ERROR")]
    [InlineData("critical", "CRITICAL")]
    [InlineData("fatal", "FATAL")]
    [InlineData("notset", "NOTSET")]
    [InlineData(" INFO ", "INFO")]
    public void Log_levels_are_accepted_in_any_case(string written, string expected)
    {
        using var builder = new ProjectBuilder().WithBatchStage("train").WithLogLevel(written);
        Assert.Equal(expected, Load(builder).LogLevel);
    }

    [Theory]
    [InlineData("bodyworkml/bodywork-core:latest")]
    [InlineData("bodyworkml/bodywork-core")]
    [InlineData("python:3.12-slim")]
    [InlineData("bodyworkml-bodywork-stage-runner:latest")]
    [InlineData("ghcr.io/org/team/image:1.0")]
    [InlineData("localhost:5000/image")]
    [InlineData("registry.example.com:443/org/image:v2.1.0-rc.1")]
    [InlineData("[::1]:5000/image:tag")]
    [InlineData("bodyworkml/bodywork-core@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("ghcr.io/org/image:1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Any_OCI_image_reference_is_accepted_with_no_registry_lookup(string image)
    {
        using var builder = new ProjectBuilder().WithBatchStage("train").WithImage(image);
        Assert.Equal(image, Load(builder).Image);
    }

    [Fact]
    public void Image_references_are_lower_cased_like_the_original()
    {
        using var builder = new ProjectBuilder().WithBatchStage("train").WithImage("BodyworkML/Bodywork-Core:LATEST");
        Assert.Equal("bodyworkml/bodywork-core:latest", Load(builder).Image);
    }

    [Theory]
    [InlineData("0", "0", 0.0, 0L)]
    [InlineData("0.0", "0", 0.0, 0L)]
    [InlineData("1e-3", "+1_000", 0.001, 1000L)]
    [InlineData(" 2 ", " 250 ", 2.0, 250L)]
    [InlineData(".5", "1_024", 0.5, 1024L)]
    public void Cpu_and_memory_use_python_number_syntax_and_zero_means_no_request(string cpu, string memory, double expectedCpu, long expectedMemory)
    {
        var config = ProjectBuilder.BatchConfig()
            .Replace("CPU_REQUEST=0.5", "CPU_REQUEST=" + cpu, StringComparison.Ordinal)
            .Replace("MEMORY_REQUEST_MB=100", "MEMORY_REQUEST_MB=" + memory, StringComparison.Ordinal);
        using var builder = new ProjectBuilder().WithStage("train", config);
        var stage = Load(builder).GetStage("train");
        Assert.Equal(expectedCpu, stage.CpuRequest);
        Assert.Equal(expectedMemory, stage.MemoryRequestMB);
    }

    [Fact]
    public void Stage_type_is_accepted_in_any_case()
    {
        using var builder = new ProjectBuilder().WithStage("train", ProjectBuilder.BatchConfig().Replace("=batch", "=Batch", StringComparison.Ordinal));
        Assert.Equal(StageKind.Batch, Load(builder).GetStage("train").Kind);
    }

    [Fact]
    public void The_other_kinds_section_is_ignored()
    {
        using var builder = new ProjectBuilder().WithStage("train", ProjectBuilder.BatchConfig() + "\n[service]\nPORT=not-a-number\n");
        var stage = Load(builder).GetStage("train");
        Assert.Null(stage.Port);
    }

    [Fact]
    public void Unknown_sections_and_keys_are_ignored()
    {
        using var builder = new ProjectBuilder()
            .WithBatchStage("train")
            .WithBodyworkIni(ProjectBuilder.BodyworkIni("test-project", ProjectBuilder.DefaultImage, "train", "INFO") + "\n[extra]\nANYTHING=1\n")
            .WithFile("train/config.ini", ProjectBuilder.BatchConfig() + "\n[notes]\nauthor=someone\n");
        Assert.Equal("test-project", Load(builder).Name);
    }

    [Fact]
    public void Interpolation_and_DEFAULT_inheritance_work_in_project_files()
    {
        using var builder = new ProjectBuilder()
            .WithBodyworkIni("[DEFAULT]\nowner=bodyworkml\n[default]\nPROJECT_NAME=interp\nDOCKER_IMAGE=${owner}/bodywork-core:latest\n"
                + "[workflow]\nDAG=${stages:first} >> ${stages:second}\n[stages]\nfirst=train\nsecond=serve\n[logging]\nLOG_LEVEL=INFO\n")
            .WithStage("train", ProjectBuilder.BatchConfig().Replace("CPU_REQUEST=0.5", "CPU_REQUEST=${MEMORY_REQUEST_MB}", StringComparison.Ordinal))
            .WithServiceStage("serve");
        var project = Load(builder);
        Assert.Equal("bodyworkml/bodywork-core:latest", project.Image);
        Assert.Equal("train >> serve", project.Dag);
        Assert.Equal(100.0, project.GetStage("train").CpuRequest);
    }

    [Fact]
    public void Files_with_a_byte_order_mark_and_windows_line_endings_load()
    {
        static byte[] Bom(string text) => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal))).ToArray();
        using var builder = new ProjectBuilder().WithBatchStage("train");
        builder.WithBytes("bodywork.ini", Bom(ProjectBuilder.BodyworkIni("bom-project", ProjectBuilder.DefaultImage, "train", "INFO")))
            .WithBytes("train/config.ini", Bom(ProjectBuilder.BatchConfig()));
        Assert.Equal("bom-project", Load(builder).Name);
    }

    [Fact]
    public void The_same_stage_in_different_steps_is_read_once_and_runs_in_each_step()
    {
        using var builder = new ProjectBuilder().WithBatchStage("train").WithServiceStage("serve").WithDag("train >> serve >> train");
        var project = Load(builder);
        Assert.Equal(3, project.StepCount);
        Assert.Equal(["train", "serve"], project.Stages.Select(s => s.Name));
    }

    [Fact]
    public void The_path_may_name_bodywork_ini_itself()
    {
        using var builder = new ProjectBuilder().WithBatchStage("train");
        var root = builder.Build();
        var result = BodyworkProjects.Validate(Path.Combine(root, "bodywork.ini"));
        Assert.True(result.IsValid, string.Join("\n", result.Issues));
        Assert.Equal(root, result.Project!.Path);
    }
}
