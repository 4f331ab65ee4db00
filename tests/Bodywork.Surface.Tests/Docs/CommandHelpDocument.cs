using System.Text.RegularExpressions;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bodywork.Surface.Tests.Docs;

/// <summary>The parts of a PlatyPS 1.x command-help markdown file that the tests compare with metadata.</summary>
internal sealed class CommandHelpDocument
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(NullNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    private CommandHelpDocument(string text, Dictionary<string, string> frontMatter, List<string> syntaxSets,
        List<string> examples, Dictionary<string, DocParameter> parameters)
    {
        Text = text;
        FrontMatter = frontMatter;
        SyntaxSets = syntaxSets;
        Examples = examples;
        Parameters = parameters;
    }

    public string Text { get; }
    public Dictionary<string, string> FrontMatter { get; }
    /// <summary>"### Name" headings under ## SYNTAX, without the " (Default)" suffix.</summary>
    public List<string> SyntaxSets { get; }
    /// <summary>The body of each "### " heading under ## EXAMPLES.</summary>
    public List<string> Examples { get; }
    /// <summary>Parameters by name (without '-'), from their ```yaml blocks; CommonParameters excluded.</summary>
    public Dictionary<string, DocParameter> Parameters { get; }

    public static CommandHelpDocument Parse(string path)
    {
        var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var front = Regex.Match(text, "\\A---\n(.*?)\n---\n", RegexOptions.Singleline);
        if (!front.Success)
        {
            throw new FormatException($"{path}: no YAML front matter");
        }

        var frontMatter = Yaml.Deserialize<Dictionary<string, string>>(front.Groups[1].Value);
        var sections = Sections(text, "## ");
        var syntax = Sections(Section(sections, "SYNTAX", path), "### ").Keys
            .Select(k => k.EndsWith(" (Default)", StringComparison.Ordinal) ? k[..^" (Default)".Length] : k).ToList();
        var examples = Sections(Section(sections, "EXAMPLES", path), "### ").Values.ToList();
        var parameters = new Dictionary<string, DocParameter>(StringComparer.Ordinal);
        foreach (var (heading, body) in Sections(Section(sections, "PARAMETERS", path), "### "))
        {
            if (heading == "CommonParameters")
            {
                continue;
            }

            var yaml = Regex.Match(body, "```yaml\n(.*?)```", RegexOptions.Singleline);
            if (!heading.StartsWith('-') || !yaml.Success)
            {
                throw new FormatException($"{path}: parameter section '{heading}' needs a '-Name' heading and a ```yaml block");
            }

            parameters.Add(heading[1..], Yaml.Deserialize<DocParameter>(yaml.Groups[1].Value));
        }

        return new CommandHelpDocument(text, frontMatter, syntax, examples, parameters);
    }

    private static string Section(Dictionary<string, string> sections, string name, string path) =>
        sections.TryGetValue(name, out var body) ? body : throw new FormatException($"{path}: no '## {name}' section");

    /// <summary>Splits on headings of exactly the given level, ignoring fenced code blocks.</summary>
    private static Dictionary<string, string> Sections(string text, string prefix)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var body = new List<string>();
        var inFence = false;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            if (!inFence && line.StartsWith(prefix, StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    result[current] = string.Join('\n', body);
                }

                current = line[prefix.Length..].Trim();
                body.Clear();
            }
            else
            {
                body.Add(line);
            }
        }

        if (current is not null)
        {
            result[current] = string.Join('\n', body);
        }

        return result;
    }
}

/// <summary>A parameter's YAML block as PlatyPS 1.x writes it.</summary>
internal sealed class DocParameter
{
    public string Type { get; set; } = "";
    public List<string>? Aliases { get; set; }
    public List<DocParameterSet> ParameterSets { get; set; } = [];
}

internal sealed class DocParameterSet
{
    public string Name { get; set; } = "";
    public string Position { get; set; } = "";
    public bool IsRequired { get; set; }
    public bool ValueFromPipeline { get; set; }
    public bool ValueFromPipelineByPropertyName { get; set; }
    public bool ValueFromRemainingArguments { get; set; }
}
