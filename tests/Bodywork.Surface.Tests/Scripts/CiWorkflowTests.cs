using System.Text.RegularExpressions;
using Bodywork.Surface.Tests.Infrastructure;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Bodywork.Surface.Tests.Scripts;

/// <summary>
/// .github/workflows/ci.yml parses, pins its actions, runs on the three operating systems, and every
/// script, project and build task its steps name exists.
/// </summary>
public sealed partial class CiWorkflowTests
{
    private static readonly string WorkflowPath = Path.Combine(SurfacePaths.RepoRoot, ".github", "workflows", "ci.yml");
    private static readonly Lazy<YamlMappingNode> Workflow = new(Load);

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(WorkflowPath));
        stream.Load(reader);
        return Assert.IsType<YamlMappingNode>(Assert.Single(stream.Documents).RootNode);
    }

    private static YamlMappingNode Jobs => (YamlMappingNode)Workflow.Value["jobs"];

    private static IEnumerable<(string Job, YamlMappingNode Step)> Steps() =>
        Jobs.Children.SelectMany(job => ((YamlSequenceNode)((YamlMappingNode)job.Value)["steps"]).Children
            .Select(step => (((YamlScalarNode)job.Key).Value!, (YamlMappingNode)step)));

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    [Fact]
    public void Builds_on_ubuntu_windows_and_macos()
    {
        var build = (YamlMappingNode)Jobs["build"];
        var matrix = (YamlMappingNode)((YamlMappingNode)build["strategy"])["matrix"];
        var os = ((YamlSequenceNode)matrix["os"]).Children.Select(n => ((YamlScalarNode)n).Value!).ToList();
        Assert.Equal(["ubuntu-latest", "windows-latest", "macos-latest"], os);
        Assert.Equal("${{ matrix.os }}", Scalar(build, "runs-on"));
    }

    [Fact]
    public void Every_action_is_pinned_to_a_full_version()
    {
        var uses = Steps().Select(s => Scalar(s.Step, "uses")).OfType<string>().ToList();
        Assert.Contains(uses, u => u.StartsWith("helm/kind-action@", StringComparison.Ordinal));
        Assert.All(uses, u => Assert.Matches(@"^[\w.-]+/[\w.-]+@v\d+\.\d+\.\d+$", u));
    }

    [Fact]
    public void Sets_up_dotnet_10_and_the_8_runtime_in_every_job()
    {
        foreach (var job in Jobs.Children.Where(j => ((YamlScalarNode)j.Key).Value != "publish"))
        {
            var setup = Steps().Where(s => s.Job == ((YamlScalarNode)job.Key).Value)
                .Select(s => s.Step)
                .Single(s => Scalar(s, "uses")?.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal) == true);
            var versions = Scalar((YamlMappingNode)setup["with"], "dotnet-version");
            Assert.Contains("8.0.x", versions, StringComparison.Ordinal);
            Assert.Contains("10.0.x", versions, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Scripts_and_projects_named_in_run_steps_exist()
    {
        var runs = Steps().Select(s => Scalar(s.Step, "run")).OfType<string>().ToList();
        var named = runs.SelectMany(r => ScriptPath().Matches(r).Select(m => m.Value))
            .Concat(runs.SelectMany(r => DotnetTarget().Matches(r).Select(m => m.Groups["path"].Value)))
            .Distinct()
            .ToList();
        Assert.All(named, p =>
            Assert.True(File.Exists(Path.Combine(SurfacePaths.RepoRoot, p)) || Directory.Exists(Path.Combine(SurfacePaths.RepoRoot, p)),
                $"ci.yml names {p}, which does not exist"));
        Assert.Superset(new HashSet<string> { "./build.ps1", "./tools/install-tools.ps1", ".ci/run", "Bodywork.sln", "tests/Bodywork.Engine.Tests" }, named.ToHashSet());
    }

    [Fact]
    public void Build_ps1_is_called_with_tasks_it_has()
    {
        var tasks = BuildScriptTests.Tasks();
        var calls = Steps().Select(s => Scalar(s.Step, "run")).OfType<string>()
            .SelectMany(r => BuildCall().Matches(r))
            .SelectMany(m => m.Groups["tasks"].Value.Split(',', StringSplitOptions.TrimEntries))
            .ToList();
        Assert.Contains("All", calls);
        Assert.Contains("Analyze", calls);
        Assert.All(calls, t => Assert.Contains(t, tasks));
    }

    [Fact]
    public void Linux_runs_ci_run_and_the_others_dotnet_test()
    {
        var build = Steps().Where(s => s.Job == "build").Select(s => s.Step).ToList();
        var ciRun = Assert.Single(build, s => Scalar(s, "run") == "bash .ci/run");
        Assert.Equal("runner.os == 'Linux'", Scalar(ciRun, "if"));
        var dotnetTest = Assert.Single(build, s => Scalar(s, "run")?.StartsWith("dotnet test", StringComparison.Ordinal) == true);
        Assert.Equal("runner.os != 'Linux'", Scalar(dotnetTest, "if"));
    }

    [Fact]
    public void E2e_runs_the_engine_tests_against_kind_with_the_controller_image()
    {
        var e2e = Steps().Where(s => s.Job == "e2e").Select(s => s.Step).ToList();
        Assert.Contains(e2e, s => Scalar(s, "uses")?.StartsWith("helm/kind-action@", StringComparison.Ordinal) == true);
        var image = Assert.Single(e2e, s => Scalar(s, "run")?.Contains("docker build", StringComparison.Ordinal) == true);
        Assert.Contains("--file Dockerfile", Scalar(image, "run"), StringComparison.Ordinal);
        Assert.Contains("kind load docker-image", Scalar(image, "run"), StringComparison.Ordinal);
        var tests = Assert.Single(e2e, s => Scalar(s, "run")?.StartsWith("dotnet test", StringComparison.Ordinal) == true);
        Assert.NotNull(Scalar((YamlMappingNode)tests["env"], "BODYWORK_TEST_KUBECONFIG"));
        Assert.Equal("build", Scalar((YamlMappingNode)Jobs["e2e"], "needs"));
    }

    // ./build.ps1, ./tools/x.ps1, .ci/run: paths of scripts the steps execute.
    [GeneratedRegex(@"(?<![\w/])(?:\./)?(?:[\w.-]+/)*[\w.-]+\.ps1\b|(?<![\w/])\.ci/run\b")]
    private static partial Regex ScriptPath();

    // dotnet build|test <path>: the first argument when it is not an option.
    [GeneratedRegex(@"dotnet (?:build|test) (?<path>[^\s-][^\s]*)")]
    private static partial Regex DotnetTarget();

    [GeneratedRegex(@"\./build\.ps1 -Task (?<tasks>\w+(?:\s*,\s*\w+)*)")]
    private static partial Regex BuildCall();
}
