using System.Text;
using Bodywork.Engine.Projects;
using Bodywork.Engine.Projects.Ini;
using Bodywork.Engine.Tests.Support;
using Bodywork.Models.Projects;
using Xunit;

namespace Bodywork.Engine.Tests.Projects;

/// <summary>
/// Garbage in, issues out: a few hundred generated inputs (fixed seed, so any failure reproduces) fed to
/// the INI reader and to whole-project validation. Nothing may throw; a bad project must come back as
/// issues with a file and a message, and a project comes back only when there is no issue.
/// </summary>
public class RobustnessTests
{
    private const int Seed = 20201101;

    private static readonly string[] Fragments =
    [
        "[default]", "[workflow]", "[logging]", "[batch]", "[service]", "[secrets]", "[DEFAULT]", "[", "]", "[]",
        "PROJECT_NAME", "DOCKER_IMAGE", "DAG", "LOG_LEVEL", "STAGE_TYPE", "EXECUTABLE_SCRIPT", "CPU_REQUEST",
        "MEMORY_REQUEST_MB", "MEMORY_REQUEST", "RETRIES", "MAX_COMPLETION_TIME_SECONDS", "MAX_STARTUP_TIME_SECONDS",
        "REPLICAS", "PORT", "=", ":", " = ", "#", ";", "\"", "'", "$", "$$", "${", "}", "${default:", "${DAG}",
        ">>", ",", " ", "\t", "\n", "\r\n", "\r", "\n  ", "batch", "service", "stage", "prepare", "serve", "main.py",
        "../", "/", "\\", "\0", "-1", "0", "1e9", "nan", "inf", "1_0", "65536", "INFO", "info", "é", "\uFEFF", "\uD800",
        "bodyworkml/bodywork-core:latest", "@sha256:", "..", "\u2028", "\u00A0",
    ];

    public static TheoryData<int> Batches => new() { 0, 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Batches))]
    public void The_ini_reader_never_throws_on_random_bytes_or_text(int batch)
    {
        var random = new Random(Seed + batch);
        for (var i = 0; i < 100; i++)
        {
            var input = NextInput(random, i);
            IniDocument document;
            try
            {
                document = IniParser.Parse(input);
                ReadEverything(document);
            }
            catch (Exception e)
            {
                Assert.Fail($"batch {batch} case {i} threw {e.GetType().Name}: {e.Message}\ninput (base64): {Convert.ToBase64String(input)}");
                throw;
            }
            Assert.All(document.Errors, error =>
            {
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
                Assert.True(error.Line is null or >= 1);
            });
        }
    }

    [Theory]
    [MemberData(nameof(Batches))]
    public void Project_validation_never_throws_and_reports_issues_with_a_file_and_message(int batch)
    {
        var random = new Random(Seed * 7 + batch);
        for (var i = 0; i < 25; i++)
        {
            using var builder = new ProjectBuilder().WithBatchStage("prepare").WithServiceStage("serve");
            // Break one to three files of an otherwise valid project.
            var files = new[] { "bodywork.ini", "prepare/config.ini", "serve/config.ini" };
            var broken = random.Next(1, 4);
            builder.Build();
            foreach (var file in files.OrderBy(_ => random.Next()).Take(broken))
            {
                var path = Path.Combine(builder.Root, file);
                var original = File.ReadAllBytes(path);
                File.WriteAllBytes(path, random.Next(3) == 0 ? NextInput(random, i) : Mutate(random, original));
            }

            BodyworkValidationResult result;
            try
            {
                result = BodyworkProjects.Validate(builder.Root);
            }
            catch (Exception e)
            {
                Assert.Fail($"batch {batch} case {i} threw {e.GetType().Name}: {e}\n{Dump(builder.Root, files)}");
                throw;
            }
            Assert.Equal(result.IsValid, result.Project is not null);
            Assert.All(result.Issues, issue =>
            {
                Assert.Contains(issue.File, files);
                Assert.False(string.IsNullOrWhiteSpace(issue.Message));
                Assert.True(issue.Line is null or >= 1);
                Assert.DoesNotContain("Exception", issue.Message, StringComparison.Ordinal);
            });
        }
    }

    [Fact]
    public void Values_with_nul_characters_and_reserved_path_characters_are_reported_not_thrown()
    {
        using var builder = new ProjectBuilder().WithBatchStage("prepare");
        builder.WithFile("prepare/config.ini", ProjectBuilder.BatchConfig().Replace("EXECUTABLE_SCRIPT=main.py", "EXECUTABLE_SCRIPT=ma\0in.py", StringComparison.Ordinal));
        builder.WithBodyworkIni(ProjectBuilder.BodyworkIni("test-project", ProjectBuilder.DefaultImage, "prepare >> se\0rve >> *?|<>\"", "INFO"));

        var result = BodyworkProjects.Validate(builder.Build());

        Assert.False(result.IsValid);
        var script = Assert.Single(result.Issues, i => i.File == "prepare/config.ini");
        Assert.Equal("EXECUTABLE_SCRIPT", script.Key);
        Assert.Equal(3, script.Line);
        Assert.StartsWith("expected a file name without control characters, found 'ma", script.Message, StringComparison.Ordinal);
        Assert.Contains(result.Issues, i => i.File == "bodywork.ini" && i.Key == "DAG" && i.Message.Contains("se\0rve", StringComparison.Ordinal));
    }

    [Fact]
    public void Very_long_lines_and_many_stages_are_reported_with_shortened_values()
    {
        var longName = new string('a', 200_000);
        var manyStages = string.Join(" >> ", Enumerable.Range(0, 2000).Select(i => $"s{i}"));
        using var builder = new ProjectBuilder().WithBatchStage("prepare")
            .WithBodyworkIni(ProjectBuilder.BodyworkIni(longName, ProjectBuilder.DefaultImage + new string('x', 100_000), manyStages, "INFO"));

        var result = BodyworkProjects.Validate(builder.Build());

        var name = Assert.Single(result.Issues, i => i.Key == "PROJECT_NAME");
        Assert.True(name.Message.Length < 400, name.Message);
        Assert.Single(result.Issues, i => i.Key == "DOCKER_IMAGE");
        Assert.Equal(2000, result.Issues.Count(i => i.Key == "DAG"));
    }

    [Fact]
    public void Deeply_nested_interpolation_syntax_is_an_error_not_a_crash()
    {
        var nested = string.Concat(Enumerable.Repeat("${", 50_000)) + "x" + new string('}', 50_000);
        using var builder = new ProjectBuilder().WithBatchStage("prepare").WithProjectName(nested);

        var result = BodyworkProjects.Validate(builder.Build());

        var issue = Assert.Single(result.Issues);
        Assert.Equal("PROJECT_NAME", issue.Key);
        Assert.StartsWith("bad interpolation reference", issue.Message, StringComparison.Ordinal);
        Assert.True(issue.Message.Length < 400, $"message of {issue.Message.Length} characters");
    }

    private static void ReadEverything(IniDocument document)
    {
        foreach (var section in document.Sections.Append(document.Defaults))
        {
            foreach (var entry in section.Entries)
            {
                var value = document.Get(section.Name, entry.Key);
                Assert.NotNull(value);
                Assert.True(value.Value is not null ^ value.Error is not null);
            }
        }
    }

    /// <summary>Random bytes, random text of INI fragments, or a pathological shape.</summary>
    private static byte[] NextInput(Random random, int i) => (i % 5) switch
    {
        0 => RandomBytes(random, random.Next(0, 2000)),
        1 => Encoding.UTF8.GetBytes(FragmentText(random, random.Next(1, 400))),
        2 => Encoding.UTF8.GetBytes("[default]\nk=" + new string((char)random.Next('a', 'z' + 1), random.Next(10_000, 200_000)) + "\n"),
        3 => Encoding.UTF8.GetBytes("[s]\nk=" + string.Concat(Enumerable.Repeat(random.Next(2) == 0 ? "${" : "${s:", random.Next(100, 5000))) + "k" + new string('}', random.Next(0, 5000)) + "\n"),
        _ => Encoding.UTF8.GetBytes("[s]\n" + string.Concat(Enumerable.Range(0, 12).Select(n => $"k{n}=" + string.Concat(Enumerable.Repeat($"${{k{n + 1}}}", random.Next(1, 6))) + "\n")) + "k12=end\n"),
    };

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string FragmentText(Random random, int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(Fragments[random.Next(Fragments.Length)]);
        }
        return text.ToString();
    }

    /// <summary>Flips, deletes or inserts a few bytes or fragments of a valid file.</summary>
    private static byte[] Mutate(Random random, byte[] original)
    {
        var bytes = new List<byte>(original);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits; e++)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1 when bytes.Count > 0:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 20), bytes.Count - at));
                    break;
                default:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(FragmentText(random, random.Next(1, 4))));
                    break;
            }
        }
        return bytes.ToArray();
    }

    private static string Dump(string root, IEnumerable<string> files) =>
        string.Join("\n", files.Select(f => $"--- {f} (base64)\n{Convert.ToBase64String(File.ReadAllBytes(Path.Combine(root, f)))}"));
}
