using Bodywork.Engine.Projects;
using Bodywork.Engine.Tests.Support;
using Bodywork.Models.Projects;
using Xunit;

namespace Bodywork.Engine.Tests.Examples;

/// <summary>examples/iris-pipeline: valid, shaped like the seed's example, Python that compiles and needs only the standard library.</summary>
public class ExampleProjectTests
{
    private static readonly string ProjectPath = Path.Combine(RepoPaths.Examples, "iris-pipeline");

    // Prints each top-level module a file imports that is not in the standard library (or a sibling module of the stage).
    private const string ImportScanner = """
        import ast, os, sys
        bad = []
        for path in sys.argv[1:]:
            siblings = {os.path.splitext(f)[0] for f in os.listdir(os.path.dirname(path))}
            tree = ast.parse(open(path, encoding="utf-8").read(), path)
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top not in sys.stdlib_module_names and top not in siblings:
                        bad.append(f"{path}: imports {name}")
        print("\n".join(bad))
        sys.exit(1 if bad else 0)
        """;

    private static IEnumerable<string> PythonFiles() =>
        Directory.EnumerateFiles(ProjectPath, "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    [Fact]
    public void The_example_validates_cleanly()
    {
        var result = BodyworkProjects.Validate(ProjectPath);
        Assert.True(result.IsValid, string.Join("\n", result.Issues));
    }

    [Fact]
    public void The_example_prepares_data_trains_two_models_in_parallel_chooses_one_and_serves_it()
    {
        var project = BodyworkProjects.Load(ProjectPath);
        Assert.Equal("iris-pipeline", project.Name);
        Assert.Equal(["prepare-data"], project.Steps[0]);
        Assert.Equal(["train-a", "train-b"], project.Steps[1]);
        Assert.Equal(["choose-model"], project.Steps[2]);
        Assert.Equal(["scoring-service"], project.Steps[3]);
        Assert.All(project.Stages.Where(s => s.Name != "scoring-service"), s => Assert.Equal(StageKind.Batch, s.Kind));
        Assert.Equal(StageKind.Service, project.GetStage("scoring-service").Kind);
        Assert.All(project.Stages, s => Assert.Null(s.RequirementsFile));
    }

    [Fact]
    public void Every_stage_script_of_the_example_is_a_python_file_in_the_project()
    {
        var project = BodyworkProjects.Load(ProjectPath);
        var scripts = project.Stages.Select(s => Path.GetFullPath(Path.Combine(s.Directory, s.ExecutableScript))).Order(StringComparer.Ordinal);
        Assert.Equal(PythonFiles().Select(f => Path.GetFullPath(f)), scripts);
    }

    [PythonFact]
    public void Every_python_file_of_the_example_compiles()
    {
        var cache = Path.Combine(Path.GetTempPath(), "bodywork-tests", "pycache-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            // One interpreter for all files (py_compile takes several); the cache goes to a temp folder, not the repo.
            var environment = new Dictionary<string, string> { ["PYTHONPYCACHEPREFIX"] = cache };
            Assert.NotEmpty(PythonFiles());
            var result = Python.Run(["-m", "py_compile", .. PythonFiles()], environment);
            Assert.True(result.ExitCode == 0, $"the example's Python does not compile:\n{result.Error}");
        }
        finally
        {
            if (Directory.Exists(cache))
            {
                Directory.Delete(cache, recursive: true);
            }
        }
    }

    [PythonFact]
    public void The_example_imports_only_the_python_standard_library()
    {
        var result = Python.Run(["-c", ImportScanner, .. PythonFiles()]);
        Assert.True(result.ExitCode == 0, $"non-standard imports:\n{result.Out}{result.Error}");
    }

    [PythonFact]
    public void The_import_scanner_catches_a_third_party_import()
    {
        var dir = Path.Combine(Path.GetTempPath(), "bodywork-tests", "scan-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "stage.py");
            File.WriteAllText(file, "import json\nfrom sklearn.linear_model import LogisticRegression\n");
            var result = Python.Run(["-c", ImportScanner, file]);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("imports sklearn.linear_model", result.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("json", result.Out, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
