using System.Text;
using System.Text.Json;
using Bodywork.Engine.Projects.Ini;
using Bodywork.Engine.Tests.Support;
using Xunit;

namespace Bodywork.Engine.Tests.Projects.Ini;

/// <summary>
/// The INI reader against Python's own configparser (strict, ExtendedInterpolation, as v0.2 used it) on
/// a few hundred generated files (fixed seed): both must reject the same files, and for the others
/// give the same sections, keys and values, and fail to interpolate the same values.
/// </summary>
public class ConfigParserParityTests
{
    private const int Seed = 1605214260;
    private const int Cases = 400;

    private const string Reader = """
        import configparser, json, sys
        out = []
        for text in json.load(open(sys.argv[1], encoding="utf-8")):
            parser = configparser.ConfigParser(interpolation=configparser.ExtendedInterpolation())
            try:
                parser.read_string(text)
            except configparser.Error as e:
                out.append({"error": type(e).__name__})
                continue
            sections = {}
            for name in parser.sections():
                values = {}
                for key in parser[name]:
                    try:
                        values[key] = parser[name][key]
                    except configparser.Error:
                        values[key] = None
                sections[name] = values
            out.append({"sections": sections})
        json.dump(out, sys.stdout)
        """;

    private static readonly string[] SectionNames = ["default", "Default", "DEFAULT", "workflow", "s", "a b", "]", "x:y"];
    private static readonly string[] Keys = ["k", "K", "dag", "Dag", "x", "y", "a b", "PROJECT_NAME"];
    private static readonly string[] ValuePieces =
        ["v", "INFO", " ", "\t", "#c", ";c", "\"q\"", "a=b", "c:d", "$$", "$", "$x", "${", "}", "${k}", "${K}", "${x}", "${y}",
         "${s:k}", "${default:x}", "${DEFAULT:k}", "${a:b:c}", "${}", "${nope}", "[", "]", ">>", ","];

    [PythonFact]
    public void The_reader_agrees_with_python_configparser_on_generated_files()
    {
        var random = new Random(Seed);
        var texts = Enumerable.Range(0, Cases).Select(_ => Generate(random)).ToList();
        var expected = RunPython(texts);
        Assert.Equal(texts.Count, expected.Count);

        var mismatches = new List<string>();
        var accepted = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var document = IniParser.Parse(texts[i]);
            var python = expected[i];
            if (python.TryGetProperty("error", out var error))
            {
                if (document.Errors.Count == 0)
                {
                    mismatches.Add($"case {i}: python raised {error.GetString()}, we found no error\n{texts[i]}");
                }
                continue;
            }
            accepted++;
            if (document.Errors.Count > 0)
            {
                mismatches.Add($"case {i}: python accepted it, we found: {document.Errors[0].Message}\n{texts[i]}");
                continue;
            }
            var ours = Describe(document);
            var theirs = python.GetProperty("sections").EnumerateObject()
                .ToDictionary(s => s.Name, s => s.Value.EnumerateObject().ToDictionary(k => k.Name, k => k.Value.ValueKind == JsonValueKind.Null ? null : k.Value.GetString()));
            var left = Render(ours);
            var right = Render(theirs);
            if (left != right)
            {
                mismatches.Add($"case {i}:\nours:   {left}\npython: {right}\n{texts[i]}");
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {Cases} differ:\n\n" + string.Join("\n\n", mismatches.Take(5)));
        // The generator must exercise both outcomes, or the comparison proves little.
        Assert.InRange(accepted, Cases / 5, Cases - Cases / 5);
    }

    /// <summary>Sections in file order; keys lower-cased (as configparser's optionxform), own keys then inherited [DEFAULT] ones.</summary>
    private static Dictionary<string, Dictionary<string, string?>> Describe(IniDocument document)
    {
        var result = new Dictionary<string, Dictionary<string, string?>>(StringComparer.Ordinal);
        foreach (var section in document.Sections)
        {
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var entry in section.Entries.Concat(document.Defaults.Entries))
            {
                var key = entry.Key.ToLowerInvariant();
                if (!values.ContainsKey(key))
                {
                    values[key] = document.Get(section.Name, entry.Key)!.Value;
                }
            }
            result[section.Name] = values;
        }
        return result;
    }

    private static string Render(Dictionary<string, Dictionary<string, string?>> sections) =>
        string.Join(" | ", sections.Select(s => $"[{s.Key}] " + string.Join(", ",
            s.Value.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}={(k.Value is null ? "<error>" : JsonEncodedText.Encode(k.Value))}"))));

    private static string Generate(Random random)
    {
        var text = new StringBuilder();
        var lines = random.Next(1, 14);
        // Most files start with a section so that more than the missing-header error is compared.
        if (random.Next(5) > 0)
        {
            text.Append('[').Append(Pick(random, SectionNames)).Append("]\n");
        }
        for (var i = 0; i < lines; i++)
        {
            var indent = random.Next(6) == 0 ? new string(' ', random.Next(1, 4)) : "";
            switch (random.Next(12))
            {
                case 0:
                    text.Append(indent).Append('[').Append(Pick(random, SectionNames)).Append(']').Append(random.Next(4) == 0 ? " trailing" : "");
                    break;
                case 1:
                    text.Append(indent).Append(random.Next(2) == 0 ? "# comment" : "; comment");
                    break;
                case 2:
                    break;
                case 3:
                    text.Append(new string(' ', random.Next(1, 5))).Append(Value(random));
                    break;
                case 4:
                    text.Append(Pick(random, ["just words", "[unclosed", "= v", ": v", "[]"]));
                    break;
                default:
                    text.Append(indent).Append(Pick(random, Keys)).Append(Pick(random, ["=", ":", " = ", " : ", "\t=\t"])).Append(Value(random));
                    break;
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string Value(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(0, 4)).Select(_ => Pick(random, ValuePieces)));

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static List<JsonElement> RunPython(List<string> texts)
    {
        var input = Path.Combine(Path.GetTempPath(), "bodywork-tests", "parity-" + Guid.NewGuid().ToString("N")[..12] + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(input)!);
        try
        {
            using (var stream = File.Create(input))
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartArray();
                foreach (var text in texts)
                {
                    writer.WriteStringValue(text);
                }
                writer.WriteEndArray();
            }
            var result = Python.Run(["-c", Reader, input]);
            Assert.True(result.ExitCode == 0, result.Error);
            using var json = JsonDocument.Parse(result.Out);
            return json.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
        }
        finally
        {
            File.Delete(input);
        }
    }
}
