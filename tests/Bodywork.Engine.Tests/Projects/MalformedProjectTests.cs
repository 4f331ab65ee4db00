using Bodywork.Engine.Projects;
using Bodywork.Engine.Tests.Support;
using Xunit;

namespace Bodywork.Engine.Tests.Projects;

/// <summary>
/// One broken thing per case in an otherwise valid project (stages "prepare" = batch and "serve" =
/// service); each must be reported at the exact file, line and key, with a message saying what was
/// expected and what was found.
/// </summary>
public class MalformedProjectTests
{
    private const string Ini = "bodywork.ini";
    private const string Prep = "prepare/config.ini";
    private const string Serve = "serve/config.ini";

    /// <summary>File to edit, text to find (null: delete the file), replacement, expected file/line/key/message part, issue count.</summary>
    public sealed record BrokenCase(string File, string? Find, string Replace, string ExpectedFile, int? Line, string? Key, string Message, int Count = 1)
    {
        public override string ToString() => $"{File}: {Find?.Replace("\n", "\\n")} -> {Replace.Replace("\n", "\\n")}";
    }

    public static TheoryData<BrokenCase> Cases => new()
    {
        // bodywork.ini: required keys and sections
        new(Ini, "PROJECT_NAME=test-project\n", "", Ini, 1, "PROJECT_NAME", "missing key PROJECT_NAME in section [default] of bodywork.ini"),
        new(Ini, "DOCKER_IMAGE=bodyworkml/bodywork-core:latest\n", "", Ini, 1, "DOCKER_IMAGE", "missing key DOCKER_IMAGE in section [default] of bodywork.ini"),
        new(Ini, "DAG=prepare >> serve\n", "", Ini, 5, "DAG", "missing key DAG in section [workflow] of bodywork.ini"),
        new(Ini, "LOG_LEVEL=INFO\n", "", Ini, 8, "LOG_LEVEL", "missing key LOG_LEVEL in section [logging] of bodywork.ini"),
        new(Ini, "[workflow]\nDAG=prepare >> serve\n", "", Ini, null, null, "missing section [workflow] in bodywork.ini"),
        new(Ini, "[logging]\nLOG_LEVEL=INFO\n", "", Ini, null, null, "missing section [logging] in bodywork.ini"),
        new(Ini, "[default]\n", "[Default]\n", Ini, null, null, "missing section [default] in bodywork.ini"),
        // bodywork.ini: values
        new(Ini, "=test-project", "=test_project", Ini, 2, "PROJECT_NAME", "found 'test_project': it must consist of lower case alphanumeric characters or '-', start with a letter"),
        new(Ini, "=test-project", "=", Ini, 2, "PROJECT_NAME", "expected a project name such as 'my-project', found an empty value"),
        new(Ini, "=test-project", "=1project", Ini, 2, "PROJECT_NAME", "found '1project'"),
        new(Ini, "=test-project", "=" + new string('p', 55), Ini, 6, "DAG", $"object name '{new string('p', 55)}--prepare' (PROJECT_NAME--stage) must be no more than 63 characters (it has 64)"),
        new(Ini, "=bodyworkml/bodywork-core:latest", "=bad:bodyworkml/bodywork-core:0.0.0", Ini, 3, "DOCKER_IMAGE", "found 'bad:bodyworkml/bodywork-core:0.0.0': it has an invalid registry host 'bad:bodyworkml'"),
        new(Ini, "=bodyworkml/bodywork-core:latest", "=bodyworkml/bodywork-core@sha256:xyz", Ini, 3, "DOCKER_IMAGE", "has an invalid digest 'sha256:xyz'"),
        new(Ini, "=bodyworkml/bodywork-core:latest", "=bodyworkml/bodywork-core:-bad", Ini, 3, "DOCKER_IMAGE", "has an invalid tag '-bad'"),
        new(Ini, "=bodyworkml/bodywork-core:latest", "=bodyworkml/bodywork core", Ini, 3, "DOCKER_IMAGE", "must not contain whitespace"),
        new(Ini, "LOG_LEVEL=INFO", "LOG_LEVEL=verbose", Ini, 9, "LOG_LEVEL", "expected one of CRITICAL FATAL ERROR WARNING WARN INFO DEBUG NOTSET (any case), found 'verbose'"),
        // bodywork.ini: DAG
        new(Ini, "DAG=prepare >> serve", "DAG=prepare >> ,serve", Ini, 6, "DAG", "null stages found in step 2 when parsing DAG definition"),
        new(Ini, "DAG=prepare >> serve", "DAG=prepare,, >> serve >>", Ini, 6, "DAG", "null stages found in step 1, 1, 3 when parsing DAG definition"),
        new(Ini, "DAG=prepare >> serve", "DAG=prepare >> serve >> missing", Ini, 6, "DAG", "Bodywork stage directory missing does not exist"),
        new(Ini, "DAG=prepare >> serve", "DAG=prepare, prepare >> serve", Ini, 6, "DAG", "stage prepare appears more than once in step 1"),
        new(Ini, "DAG=prepare >> serve", "DAG=../prepare >> serve", Ini, 6, "DAG", "expected stage names that are folders of the project, found '../prepare'"),
        new(Ini, "DAG=prepare >> serve", "DAG=", Ini, 6, "DAG", "expected a DAG such as 'prepare >> train-a, train-b >> serve', found an empty value"),
        new(Ini, "DAG=prepare >> serve", "DAG=prepare > serve", Ini, 6, "DAG", "stage name 'prepare>serve' is used in Kubernetes object names and must consist of", 2),
        // bodywork.ini: INI syntax and interpolation
        new(Ini, "[default]\n", "PROJECT_NAME=x\n[default]\n", Ini, 1, null, "expected a section header such as [default] before any key, found 'PROJECT_NAME=x'"),
        new(Ini, "PROJECT_NAME=test-project\n", "PROJECT_NAME=test-project\nproject_name=other\n", Ini, 3, "project_name", "key project_name appears more than once in section [default] (first at line 2)"),
        new(Ini, "LOG_LEVEL=INFO\n", "LOG_LEVEL=INFO\n[logging]\nX=1\n", Ini, 10, null, "section [logging] appears more than once (first at line 8)"),
        new(Ini, "LOG_LEVEL=INFO\n", "LOG_LEVEL=INFO\ngarbage line\n", Ini, 10, null, "expected 'KEY = value' or a [section] header, found 'garbage line'"),
        new(Ini, "LOG_LEVEL=INFO\n", "LOG_LEVEL=INFO\n= value\n", Ini, 10, null, "expected a key before '=', found '= value'"),
        new(Ini, "=test-project", "=test$project", Ini, 2, "PROJECT_NAME", "'$' must be followed by '$' or '{' (write '$$' for a literal '$'), found '$project'"),
        new(Ini, "=test-project", "=${nope}", Ini, 2, "PROJECT_NAME", "bad interpolation reference '${nope}': there is no key 'nope' in section [default]"),
        new(Ini, "=test-project", "=${other:x}", Ini, 2, "PROJECT_NAME", "bad interpolation reference '${other:x}': there is no section [other]"),
        new(Ini, "=test-project", "=${a:b:c}", Ini, 2, "PROJECT_NAME", "more than one ':' found"),
        new(Ini, "=test-project", "=${PROJECT_NAME}", Ini, 2, "PROJECT_NAME", "nested more than 10 levels deep"),
        new(Ini, null, "", Ini, null, null, "no config file found at bodywork.ini"),
        // batch stage [default]
        new(Prep, "STAGE_TYPE=batch\n", "", Prep, 1, "STAGE_TYPE", "missing key STAGE_TYPE in section [default] of prepare/config.ini"),
        new(Prep, "STAGE_TYPE=batch", "STAGE_TYPE=job", Prep, 2, "STAGE_TYPE", "expected batch or service, found 'job'"),
        new(Prep, "EXECUTABLE_SCRIPT=main.py\n", "", Prep, 1, "EXECUTABLE_SCRIPT", "missing key EXECUTABLE_SCRIPT in section [default] of prepare/config.ini"),
        new(Prep, "=main.py", "=nope.py", Prep, 3, "EXECUTABLE_SCRIPT", "cannot find prepare/nope.py: expected the executable script to exist in stage prepare"),
        new(Prep, "=main.py", "=../serve/main.py", Prep, 3, "EXECUTABLE_SCRIPT", "expected a path inside the stage directory prepare/ (no '..'), found '../serve/main.py'"),
        new(Prep, "=main.py", "=/etc/passwd", Prep, 3, "EXECUTABLE_SCRIPT", "expected a path relative to the stage directory prepare/, found '/etc/passwd'"),
        new(Prep, "CPU_REQUEST=0.5", "CPU_REQUEST=foo", Prep, 4, "CPU_REQUEST", "expected a number of CPU cores >= 0 (0 = no request), found 'foo'"),
        new(Prep, "CPU_REQUEST=0.5", "CPU_REQUEST=-1", Prep, 4, "CPU_REQUEST", "found '-1'"),
        new(Prep, "CPU_REQUEST=0.5", "CPU_REQUEST=nan", Prep, 4, "CPU_REQUEST", "found 'nan'"),
        new(Prep, "CPU_REQUEST=0.5", "CPU_REQUEST=inf", Prep, 4, "CPU_REQUEST", "found 'inf'"),
        new(Prep, "CPU_REQUEST=0.5\n", "", Prep, 1, "CPU_REQUEST", "missing key CPU_REQUEST in section [default] of prepare/config.ini"),
        new(Prep, "MEMORY_REQUEST_MB=100", "MEMORY_REQUEST_MB=250.5", Prep, 5, "MEMORY_REQUEST_MB", "expected a whole number of megabytes >= 0 (0 = no request), found '250.5'"),
        new(Prep, "MEMORY_REQUEST_MB=100", "MEMORY_REQUEST_MB=-5", Prep, 5, "MEMORY_REQUEST_MB", "found '-5'"),
        new(Prep, "MEMORY_REQUEST_MB=100\n", "", Prep, 1, "MEMORY_REQUEST_MB", "missing key MEMORY_REQUEST_MB in section [default] of prepare/config.ini"),
        new(Prep, "MEMORY_REQUEST_MB=100\n", "MEMORY_REQUEST_MB=100\nMEMORY_REQUEST=200\n", Prep, 6, "MEMORY_REQUEST", "expected only one of MEMORY_REQUEST_MB and MEMORY_REQUEST, found both"),
        // batch stage [batch]
        new(Prep, "MAX_COMPLETION_TIME_SECONDS=60", "MAX_COMPLETION_TIME_SECONDS=foo", Prep, 8, "MAX_COMPLETION_TIME_SECONDS", "expected a whole number from 1 to 2147483647, found 'foo'"),
        new(Prep, "MAX_COMPLETION_TIME_SECONDS=60", "MAX_COMPLETION_TIME_SECONDS=0", Prep, 8, "MAX_COMPLETION_TIME_SECONDS", "found '0'"),
        new(Prep, "MAX_COMPLETION_TIME_SECONDS=60\n", "", Prep, 7, "MAX_COMPLETION_TIME_SECONDS", "missing key MAX_COMPLETION_TIME_SECONDS in section [batch] of prepare/config.ini"),
        new(Prep, "RETRIES=2", "RETRIES=-1", Prep, 9, "RETRIES", "expected a whole number from 0 to 2147483647, found '-1'"),
        new(Prep, "RETRIES=2", "RETRIES=99999999999", Prep, 9, "RETRIES", "found '99999999999'"),
        new(Prep, "RETRIES=2\n", "", Prep, 7, "RETRIES", "missing key RETRIES in section [batch] of prepare/config.ini"),
        new(Prep, "[batch]\n", "[service]\n", Prep, null, null, "missing section [batch] in prepare/config.ini (required when STAGE_TYPE is batch)"),
        new(Prep, null, "", Prep, null, null, "no config file found at prepare/config.ini"),
        // service stage
        new(Serve, "PORT=5000", "PORT=five-thousand", Serve, 10, "PORT", "expected a whole number from 1 to 65535, found 'five-thousand'"),
        new(Serve, "PORT=5000", "PORT=0", Serve, 10, "PORT", "found '0'"),
        new(Serve, "PORT=5000", "PORT=70000", Serve, 10, "PORT", "found '70000'"),
        new(Serve, "PORT=5000\n", "", Serve, 7, "PORT", "missing key PORT in section [service] of serve/config.ini"),
        new(Serve, "REPLICAS=1", "REPLICAS=0", Serve, 9, "REPLICAS", "expected a whole number from 1 to 2147483647, found '0'"),
        new(Serve, "MAX_STARTUP_TIME_SECONDS=30", "MAX_STARTUP_TIME_SECONDS=foo", Serve, 8, "MAX_STARTUP_TIME_SECONDS", "found 'foo'"),
        new(Serve, "MAX_STARTUP_TIME_SECONDS=30\n", "", Serve, 7, "MAX_STARTUP_TIME_SECONDS", "missing key MAX_STARTUP_TIME_SECONDS in section [service] of serve/config.ini"),
        new(Serve, "[service]\n", "[batch]\n", Serve, null, null, "missing section [service] in serve/config.ini (required when STAGE_TYPE is service)"),
        new(Serve, "PORT=5000\n", "PORT=5000\n\n[secrets]\n1BAD=my-secret\n", Serve, 13, "1BAD", "expected an environment variable name (letters, digits, '_'), found '1BAD'"),
        new(Serve, "PORT=5000\n", "PORT=5000\n\n[secrets]\nFOO=My_Secret\n", Serve, 13, "FOO", "expected the name of a Kubernetes secret, found 'My_Secret': it must consist of lower case alphanumeric characters, '-' or '.'"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_the_problem_at_its_file_line_and_key(BrokenCase c)
    {
        using var project = new ProjectBuilder().WithBatchStage("prepare").WithServiceStage("serve");
        var root = project.Build();
        var path = Path.Combine(root, c.File);
        if (c.Find is null)
        {
            File.Delete(path);
        }
        else
        {
            var text = File.ReadAllText(path);
            Assert.Contains(c.Find, text);
            File.WriteAllText(path, text.Replace(c.Find, c.Replace, StringComparison.Ordinal));
        }

        var result = BodyworkProjects.Validate(root);

        Assert.False(result.IsValid);
        Assert.Null(result.Project);
        Assert.True(c.Count == result.IssueCount, string.Join("\n", result.Issues));
        var issue = result.Issues[0];
        Assert.Equal(c.ExpectedFile, issue.File);
        Assert.Equal(c.Line, issue.Line);
        Assert.Equal(c.Key, issue.Key);
        Assert.Contains(c.Message, issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_has_at_least_forty_cases() => Assert.True(Cases.Count >= 40);
}
