using Bodywork.Engine.Projects;
using Bodywork.Engine.Tests.Support;
using Bodywork.Models.Projects;
using Xunit;

namespace Bodywork.Engine.Tests.Projects;

/// <summary>
/// The original v0.2 test suite's config, project, DAG, workflow-stage, image and stage-parsing tests
/// (spec §8), ported. Where we decided differently (architecture.md, "Compatibility"), the test says
/// so in its name and asserts our behaviour.
/// </summary>
public class OriginalConfigTests
{
    // The original's fixture: tests/resources/project_repo (stage names made valid Kubernetes names).
    private static ProjectBuilder TestProjectRepo() => new ProjectBuilder()
        .WithProjectName("bodywork-test-project")
        .WithLogLevel("INFO")
        .WithBatchStage("stage-1-good", retries: 4, maxCompletionTimeSeconds: 60, script: "main.py")
        .WithServiceStage("stage-4-good", port: 5000, replicas: 2, maxStartupTimeSeconds: 60, script: "serve.py")
        .WithServiceStage("stage-5-good", port: 5001, replicas: 1, maxStartupTimeSeconds: 60, script: "serve.py")
        .WithDag("stage-1-good >> stage-4-good,stage-5-good");

    private static BodyworkValidationResult Validate(ProjectBuilder builder) => BodyworkProjects.Validate(builder.Build());

    private static BodyworkProjectIssue SingleIssue(ProjectBuilder builder)
    {
        var result = Validate(builder);
        Assert.False(result.IsValid);
        Assert.True(result.IssueCount == 1, string.Join("\n", result.Issues));
        return result.Issues[0];
    }

    private static string Edit(string text, string find, string replace)
    {
        Assert.Contains(find, text, StringComparison.Ordinal);
        return text.Replace(find, replace, StringComparison.Ordinal);
    }

    // --- Config (test_config.py) ---

    [Fact]
    public void A_missing_config_file_is_reported_as_no_config_file_found()
    {
        using var builder = TestProjectRepo().WithoutFile("bodywork.ini");
        var issue = SingleIssue(builder);
        Assert.Equal("bodywork.ini", issue.File);
        Assert.Equal("no config file found at bodywork.ini", issue.Message);
    }

    [Fact]
    public void A_missing_project_folder_is_reported()
    {
        var missing = Path.Combine(Path.GetTempPath(), "bodywork-tests", "does-not-exist-" + Guid.NewGuid().ToString("N"));
        var result = BodyworkProjects.Validate(missing);
        var issue = Assert.Single(result.Issues);
        Assert.Equal($"no project found at {missing}: the folder does not exist", issue.Message);
    }

    [Fact]
    public void An_unknown_section_is_reported_as_not_found()
    {
        using var builder = TestProjectRepo().WithBodyworkIni("[default]\nPROJECT_NAME=bodywork-test-project\nDOCKER_IMAGE=bodyworkml/bodywork-core:latest\n"
            + "[workflows]\nDAG=stage-1-good\n[logging]\nLOG_LEVEL=INFO\n");
        var issue = SingleIssue(builder);
        Assert.Null(issue.Key);
        Assert.Equal("workflow", issue.Section);
        Assert.Equal("missing section [workflow] in bodywork.ini", issue.Message);
    }

    [Fact]
    public void An_unknown_key_is_reported_as_not_found()
    {
        using var builder = TestProjectRepo().WithBodyworkIni("[default]\nPROJECT_NAME=bodywork-test-project\nDOCKER_IMAGE=bodyworkml/bodywork-core:latest\n"
            + "[workflow]\nDAGS=stage-1-good\n[logging]\nLOG_LEVEL=INFO\n");
        var issue = SingleIssue(builder);
        Assert.Equal("DAG", issue.Key);
        Assert.Equal(4, issue.Line);
        Assert.Equal("missing key DAG in section [workflow] of bodywork.ini", issue.Message);
    }

    [Fact]
    public void Config_values_are_read_back()
    {
        using var builder = TestProjectRepo();
        var project = Validate(builder).Project!;
        Assert.Equal("bodywork-test-project", project.Name);
        Assert.Equal("INFO", project.LogLevel);
    }

    // --- Project (test_config.py / BodyworkProject) ---

    [Theory]
    [InlineData("PROJECT_NAME=bodywork-test-project\n", "PROJECT_NAME", "default")]
    [InlineData("DOCKER_IMAGE=bodyworkml/bodywork-core:latest\n", "DOCKER_IMAGE", "default")]
    [InlineData("DAG=stage-1-good >> stage-4-good,stage-5-good\n", "DAG", "workflow")]
    [InlineData("LOG_LEVEL=INFO\n", "LOG_LEVEL", "logging")]
    public void Each_missing_project_key_is_reported_naming_that_key(string line, string key, string section)
    {
        using var builder = TestProjectRepo();
        var ini = ProjectBuilder.BodyworkIni("bodywork-test-project", ProjectBuilder.DefaultImage, "stage-1-good >> stage-4-good,stage-5-good", "INFO");
        builder.WithBodyworkIni(Edit(ini, line, ""));
        var issue = SingleIssue(builder);
        Assert.Equal(key, issue.Key);
        Assert.Equal(section, issue.Section);
        Assert.Equal($"missing key {key} in section [{section}] of bodywork.ini", issue.Message);
    }

    [Fact]
    public void A_valid_project_file_gives_name_image_raw_dag_and_log_level()
    {
        using var builder = TestProjectRepo();
        var project = Validate(builder).Project!;
        Assert.Equal("bodywork-test-project", project.Name);
        Assert.Equal("bodyworkml/bodywork-core:latest", project.Image);
        Assert.Equal("stage-1-good >> stage-4-good,stage-5-good", project.Dag);
        Assert.Equal("INFO", project.LogLevel);
    }

    // --- DAG (test_workflow.py: _parse_dag_definition) ---

    private static IReadOnlyList<IReadOnlyList<string>> ParseDag(string dag, List<string> errors) => DagParser.Parse(dag, errors);

    [Fact]
    public void A_dag_parses_into_ordered_steps_of_parallel_stages()
    {
        var errors = new List<string>();
        var steps = ParseDag("stage_1 >> stage_2,stage_3 >> stage_4", errors);
        Assert.Empty(errors);
        Assert.Equal(3, steps.Count);
        Assert.Equal(new[] { "stage_1" }, steps[0]);
        Assert.Equal(new[] { "stage_2", "stage_3" }, steps[1]);
        Assert.Equal(new[] { "stage_4" }, steps[2]);
    }

    [Fact]
    public void A_single_stage_dag_is_one_step_of_one_stage()
    {
        var errors = new List<string>();
        var steps = ParseDag("stage_1", errors);
        Assert.Empty(errors);
        Assert.Equal(new[] { "stage_1" }, Assert.Single(steps));
    }

    [Theory]
    [InlineData("stage_1 >> ,stage_3 >> stage_4", "null stages found in step 2 when parsing DAG definition")]
    [InlineData("", "null stages found in step 1 when parsing DAG definition")]
    [InlineData("a,, >> ,", "null stages found in step 1, 1, 2, 2 when parsing DAG definition")]
    [InlineData("a >> b >>", "null stages found in step 3 when parsing DAG definition")]
    public void Empty_stages_are_reported_with_their_step_numbers(string dag, string message)
    {
        var errors = new List<string>();
        ParseDag(dag, errors);
        Assert.StartsWith(message, Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_angle_bracket_is_not_a_separator()
    {
        var errors = new List<string>();
        var steps = ParseDag("a > b", errors);
        Assert.Empty(errors);
        Assert.Equal(new[] { "a>b" }, Assert.Single(steps));
    }

    // --- Workflow stages (test_workflow.py: _get_workflow_stages) ---

    [Fact]
    public void A_dag_with_a_bad_stage_reports_that_stage()
    {
        using var builder = TestProjectRepo().WithDag("stage-1-good >> stage-2-bad");
        var issue = SingleIssue(builder);
        Assert.Equal("DAG", issue.Key);
        Assert.Contains("stage-2-bad", issue.Message, StringComparison.Ordinal);
        Assert.StartsWith("Bodywork stage directory stage-2-bad does not exist", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_dag_gives_one_stage_per_directory_in_first_appearance_order()
    {
        using var builder = TestProjectRepo();
        var project = Validate(builder).Project!;
        Assert.Equal(new[] { "stage-1-good", "stage-4-good", "stage-5-good" }, project.Stages.Select(s => s.Name));
        Assert.All(project.Stages, s => Assert.Equal(Path.Combine(builder.Root, s.Name), s.Directory));
    }

    // --- Image (test_workflow.py: _parse_dockerhub_image_string); no DockerHub look-up by design ---

    [Fact]
    public void An_image_without_a_user_part_is_accepted_as_any_OCI_reference()
    {
        using var builder = TestProjectRepo().WithImage("bodyworkml-bodywork-stage-runner:latest");
        Assert.Equal("bodyworkml-bodywork-stage-runner:latest", Validate(builder).Project!.Image);
    }

    [Theory]
    [InlineData("bodyworkml/bodywork-core:0.0.1")]
    [InlineData("bodyworkml/bodywork-core")]
    public void An_image_with_or_without_a_tag_is_accepted(string image)
    {
        using var builder = TestProjectRepo().WithImage(image);
        Assert.Equal(image, Validate(builder).Project!.Image);
    }

    [Fact]
    public void The_original_bad_image_example_is_rejected()
    {
        using var builder = TestProjectRepo().WithImage("bad:bodyworkml/bodywork-core:0.0.0");
        var issue = SingleIssue(builder);
        Assert.Equal("DOCKER_IMAGE", issue.Key);
        Assert.Contains("found 'bad:bodyworkml/bodywork-core:0.0.0'", issue.Message, StringComparison.Ordinal);
    }

    // --- Stage parsing (test_stage.py) ---

    [Fact]
    public void Batch_stage_values_are_read()
    {
        using var builder = TestProjectRepo();
        var stage = Validate(builder).Project!.GetStage("stage-1-good");
        Assert.Equal(StageKind.Batch, stage.Kind);
        Assert.Equal(4, stage.Retries);
        Assert.Equal(60, stage.MaxCompletionTimeSeconds);
        Assert.Equal("main.py", stage.ExecutableScript);
        Assert.True(File.Exists(Path.Combine(stage.Directory, stage.ExecutableScript)));
    }

    [Fact]
    public void Service_stage_values_are_read()
    {
        using var builder = TestProjectRepo();
        var stage = Validate(builder).Project!.GetStage("stage-4-good");
        Assert.Equal(StageKind.Service, stage.Kind);
        Assert.Equal(2, stage.Replicas);
        Assert.Equal(60, stage.MaxStartupTimeSeconds);
        Assert.Equal(5000, stage.Port);
        Assert.Equal("serve.py", stage.ExecutableScript);
    }

    [Fact]
    public void A_missing_stage_directory_is_reported_as_does_not_exist()
    {
        using var builder = TestProjectRepo().WithDag("stage-1-good >> not-a-stage");
        Assert.Contains("does not exist", SingleIssue(builder).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_stage_type_is_reported_naming_STAGE_TYPE()
    {
        using var builder = TestProjectRepo().WithFile("stage-1-good/config.ini", Edit(ProjectBuilder.BatchConfig(), "STAGE_TYPE=batch", "STAGE_TYPE=not-a-valid-stage-type"));
        var issue = SingleIssue(builder);
        Assert.Equal("STAGE_TYPE", issue.Key);
        Assert.Equal("stage-1-good/config.ini", issue.File);
    }

    [Fact]
    public void A_missing_EXECUTABLE_SCRIPT_is_reported()
    {
        using var builder = TestProjectRepo().WithFile("stage-1-good/config.ini", Edit(ProjectBuilder.BatchConfig(), "EXECUTABLE_SCRIPT=main.py\n", ""));
        Assert.Equal("EXECUTABLE_SCRIPT", SingleIssue(builder).Key);
    }

    [Fact]
    public void A_missing_executable_script_file_is_reported_as_cannot_find()
    {
        using var builder = TestProjectRepo().WithoutFile("stage-1-good/main.py");
        var issue = SingleIssue(builder);
        Assert.Equal("EXECUTABLE_SCRIPT", issue.Key);
        Assert.StartsWith("cannot find stage-1-good/main.py", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stage_without_requirements_txt_is_accepted_unlike_the_original()
    {
        // The original required requirements.txt (even empty); the issue asks for "requirements file if any".
        using var builder = TestProjectRepo();
        var stage = Validate(builder).Project!.GetStage("stage-1-good");
        Assert.Null(stage.RequirementsFile);
    }

    [Fact]
    public void A_stage_with_requirements_txt_names_it()
    {
        using var builder = TestProjectRepo().WithFile("stage-1-good/requirements.txt", "");
        Assert.Equal("requirements.txt", Validate(builder).Project!.GetStage("stage-1-good").RequirementsFile);
    }

    [Theory]
    [InlineData("MEMORY_REQUEST_MB=100\n", "MEMORY_REQUEST_MB")]
    [InlineData("CPU_REQUEST=0.5\n", "CPU_REQUEST")]
    [InlineData("RETRIES=4\n", "RETRIES")]
    [InlineData("MAX_COMPLETION_TIME_SECONDS=60\n", "MAX_COMPLETION_TIME_SECONDS")]
    public void A_missing_batch_stage_key_is_reported_naming_it(string line, string key)
    {
        using var builder = TestProjectRepo().WithFile("stage-1-good/config.ini", Edit(ProjectBuilder.BatchConfig(retries: 4), line, ""));
        var issue = SingleIssue(builder);
        Assert.Equal(key, issue.Key);
        Assert.Contains($"missing key {key}", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_numeric_MAX_COMPLETION_TIME_SECONDS_is_reported()
    {
        using var builder = TestProjectRepo().WithFile("stage-1-good/config.ini",
            Edit(ProjectBuilder.BatchConfig(), "MAX_COMPLETION_TIME_SECONDS=60", "MAX_COMPLETION_TIME_SECONDS=foo"));
        var issue = SingleIssue(builder);
        Assert.Equal("MAX_COMPLETION_TIME_SECONDS", issue.Key);
        Assert.EndsWith("found 'foo'", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("REPLICAS=2\n", "", "REPLICAS", "missing key REPLICAS")]
    [InlineData("MAX_STARTUP_TIME_SECONDS=60\n", "", "MAX_STARTUP_TIME_SECONDS", "missing key MAX_STARTUP_TIME_SECONDS")]
    [InlineData("PORT=5000", "PORT=five-thousand", "PORT", "found 'five-thousand'")]
    [InlineData("MAX_STARTUP_TIME_SECONDS=60", "MAX_STARTUP_TIME_SECONDS=foo", "MAX_STARTUP_TIME_SECONDS", "found 'foo'")]
    public void A_missing_or_bad_service_stage_key_is_reported_naming_it(string find, string replace, string key, string message)
    {
        using var builder = TestProjectRepo().WithFile("stage-4-good/config.ini",
            Edit(ProjectBuilder.ServiceConfig("serve.py", 5000, 2, 60), find, replace));
        var issue = SingleIssue(builder);
        Assert.Equal(key, issue.Key);
        Assert.Equal("stage-4-good/config.ini", issue.File);
        Assert.Contains(message, issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_are_read_as_upper_case_variables_from_lower_case_secret_names()
    {
        using var builder = TestProjectRepo().WithFile("stage-1-good/config.ini",
            ProjectBuilder.BatchConfig() + "\n[secrets]\nFOO=foobar-secret\nbar=FOOBAR-SECRET\n");
        var stage = Validate(builder).Project!.GetStage("stage-1-good");
        Assert.Equal([new StageSecret("FOO", "foobar-secret"), new StageSecret("BAR", "foobar-secret")], stage.Secrets);
    }

    [Fact]
    public void A_stage_without_secrets_has_none()
    {
        using var builder = TestProjectRepo();
        Assert.Empty(Validate(builder).Project!.GetStage("stage-1-good").Secrets);
    }

    [Fact]
    public void Every_problem_in_every_stage_is_reported_at_once()
    {
        using var builder = TestProjectRepo()
            .WithFile("stage-1-good/config.ini", Edit(ProjectBuilder.BatchConfig(), "RETRIES=2", "RETRIES=x"))
            .WithFile("stage-5-good/config.ini", Edit(ProjectBuilder.ServiceConfig("serve.py"), "PORT=5000", "PORT=0"))
            .WithLogLevel("LOUD");
        var result = Validate(builder);
        Assert.Equal(new[] { ("bodywork.ini", "LOG_LEVEL"), ("stage-1-good/config.ini", "RETRIES"), ("stage-5-good/config.ini", "PORT") },
            result.Issues.Select(i => (i.File, i.Key!)));
        Assert.Null(result.Project);
    }
}
