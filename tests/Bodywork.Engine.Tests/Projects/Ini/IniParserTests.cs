using System.Text;
using Bodywork.Engine.Projects.Ini;
using Xunit;

namespace Bodywork.Engine.Tests.Projects.Ini;

/// <summary>The INI reader against the rules of Python's configparser (strict, ExtendedInterpolation) that v0.2 used.</summary>
public class IniParserTests
{
    private static IniDocument Parse(string text) => IniParser.Parse(text);

    private static string? Value(IniDocument doc, string section, string key)
    {
        var value = doc.Get(section, key);
        Assert.NotNull(value);
        Assert.Null(value.Error);
        return value.Value;
    }

    private static string InterpolationError(string text, string section, string key)
    {
        var doc = Parse(text);
        Assert.Empty(doc.Errors);
        var value = doc.Get(section, key);
        Assert.NotNull(value);
        Assert.Null(value.Value);
        Assert.NotNull(value.Error);
        return value.Error;
    }

    [Fact]
    public void Keys_are_case_insensitive()
    {
        var doc = Parse("[default]\nProject_Name = x\n");
        Assert.Equal("x", Value(doc, "default", "PROJECT_NAME"));
        Assert.Equal("x", Value(doc, "default", "project_name"));
        Assert.Equal("Project_Name", doc.GetSection("default")!.Entries[0].Key);
    }

    [Fact]
    public void Sections_are_case_sensitive()
    {
        var doc = Parse("[Default]\nk=upper\n[default]\nk=lower\n");
        Assert.Empty(doc.Errors);
        Assert.Equal("upper", Value(doc, "Default", "k"));
        Assert.Equal("lower", Value(doc, "default", "k"));
        Assert.Null(doc.GetSection("DEFAULT")!.Find("k"));
        Assert.Null(doc.Get("DEFAULt", "k"));
    }

    [Theory]
    [InlineData("[s]\nk=v\n", "v")]
    [InlineData("[s]\nk: v\n", "v")]
    [InlineData("[s]\n  k   =   v  \n", "v")]
    [InlineData("[s]\nk:v=w\n", "v=w")]
    [InlineData("[s]\nk=v:w\n", "v:w")]
    [InlineData("[s]\nk=\n", "")]
    public void Both_delimiters_are_accepted_and_the_first_one_splits(string text, string expected)
    {
        var doc = Parse(text);
        Assert.Empty(doc.Errors);
        Assert.Equal(expected, Value(doc, "s", "k"));
    }

    [Fact]
    public void Full_line_comments_start_with_hash_or_semicolon_even_when_indented()
    {
        var doc = Parse("# top\n; top\n[s]\n# c\nk=v\n  ; indented comment\n    # another\nj=w\n");
        Assert.Empty(doc.Errors);
        Assert.Equal("v", Value(doc, "s", "k"));
        Assert.Equal("w", Value(doc, "s", "j"));
        Assert.Equal(2, doc.GetSection("s")!.Entries.Count);
    }

    [Theory]
    [InlineData("[s]\nk=INFO # note\n", "INFO # note")]
    [InlineData("[s]\nk=INFO ; note\n", "INFO ; note")]
    [InlineData("[s]\nk=a#b\n", "a#b")]
    public void Inline_comments_are_part_of_the_value_as_in_configparser(string text, string expected) =>
        Assert.Equal(expected, Value(Parse(text), "s", "k"));

    [Fact]
    public void Indented_lines_continue_the_value_with_newlines_and_comment_lines_inside_are_dropped()
    {
        var doc = Parse("[s]\nk = first\n  second\n\n  third\n  # not part of it\n    fourth\n\nj=after\n");
        Assert.Empty(doc.Errors);
        Assert.Equal("first\nsecond\n\nthird\nfourth", Value(doc, "s", "k"));
        Assert.Equal("after", Value(doc, "s", "j"));
    }

    [Fact]
    public void A_continuation_must_be_indented_more_than_its_key()
    {
        var doc = Parse("[s]\n  k = a\n  j = b\n      more\n");
        Assert.Empty(doc.Errors);
        Assert.Equal("a", Value(doc, "s", "k"));
        Assert.Equal("b\nmore", Value(doc, "s", "j"));
    }

    [Fact]
    public void A_duplicate_key_is_an_error_with_both_lines_whatever_its_case()
    {
        var doc = Parse("[s]\nKEY=1\nother=2\nkey=3\n");
        var error = Assert.Single(doc.Errors);
        Assert.Equal(4, error.Line);
        Assert.Equal("s", error.Section);
        Assert.Equal("key", error.Key);
        Assert.Equal("key key appears more than once in section [s] (first at line 2)", error.Message);
        Assert.Equal("1", Value(doc, "s", "KEY"));
    }

    [Fact]
    public void The_same_key_in_two_sections_is_not_a_duplicate()
    {
        var doc = Parse("[a]\nk=1\n[b]\nk=2\n");
        Assert.Empty(doc.Errors);
        Assert.Equal("2", Value(doc, "b", "k"));
    }

    [Fact]
    public void A_duplicate_section_is_an_error_with_both_lines()
    {
        var doc = Parse("[a]\nk=1\n\n[a]\nj=2\n");
        var error = Assert.Single(doc.Errors);
        Assert.Equal(4, error.Line);
        Assert.Equal("a", error.Section);
        Assert.Null(error.Key);
        Assert.Equal("section [a] appears more than once (first at line 1)", error.Message);
    }

    [Fact]
    public void DEFAULT_may_be_opened_twice_as_configparser_allows_but_its_keys_stay_unique()
    {
        var ok = Parse("[DEFAULT]\na=1\n[s]\nk=v\n[DEFAULT]\nb=2\n");
        Assert.Empty(ok.Errors);
        Assert.Equal("2", Value(ok, "s", "b"));

        var duplicate = Parse("[DEFAULT]\na=1\n[DEFAULT]\nA=2\n");
        var error = Assert.Single(duplicate.Errors);
        Assert.Equal(4, error.Line);
        Assert.Equal("A", error.Key);
    }

    [Fact]
    public void Text_before_the_first_section_is_an_error_naming_the_line()
    {
        var doc = Parse("\n# comment\nPROJECT_NAME=x\n[default]\nk=v\n");
        var error = Assert.Single(doc.Errors);
        Assert.Equal(3, error.Line);
        Assert.Null(error.Section);
        Assert.Equal("expected a section header such as [default] before any key, found 'PROJECT_NAME=x'", error.Message);
        Assert.Equal("v", Value(doc, "default", "k"));
    }

    [Theory]
    [InlineData("[s]\njust words\n", "expected 'KEY = value' or a [section] header, found 'just words'")]
    [InlineData("[s]\n: v\n", "expected a key before ':', found ': v'")]
    [InlineData("[s]\n[]\n", "expected 'KEY = value' or a [section] header, found '[]'")]
    [InlineData("[s]\n[unclosed\n", "expected 'KEY = value' or a [section] header, found '[unclosed'")]
    public void A_line_that_is_neither_key_nor_header_is_an_error(string text, string message)
    {
        var error = Assert.Single(Parse(text).Errors);
        Assert.Equal(2, error.Line);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Section_headers_take_the_text_up_to_the_last_bracket()
    {
        var doc = Parse("[a] trailing\nk=1\n[b]c]\nk=2\n");
        Assert.Empty(doc.Errors);
        Assert.Equal(["a", "b]c"], doc.Sections.Select(s => s.Name));
    }

    [Fact]
    public void Every_key_remembers_its_line_and_every_section_its_header_line()
    {
        var doc = Parse("; c\n[one]\na=1\n\nb: 2\n  continued\nc=3\n[two]\n  d = 4\n");
        Assert.Empty(doc.Errors);
        Assert.Equal(2, doc.GetSection("one")!.Line);
        Assert.Equal(8, doc.GetSection("two")!.Line);
        Assert.Equal([3, 5, 7], doc.GetSection("one")!.Entries.Select(e => e.Line));
        Assert.Equal(9, doc.FindEntry("two", "D")!.Line);
    }

    [Fact]
    public void Windows_and_old_mac_line_endings_count_lines_like_unix_ones()
    {
        var doc = Parse("[s]\r\na=1\r\rb=2\rc=3");
        Assert.Empty(doc.Errors);
        Assert.Equal([2, 4, 5], doc.GetSection("s")!.Entries.Select(e => e.Line));
        Assert.Equal("3", Value(doc, "s", "c"));
    }

    [Fact]
    public void DEFAULT_keys_are_inherited_by_every_section_but_lower_case_default_is_ordinary()
    {
        var doc = Parse("[DEFAULT]\nshared=yes\n[default]\nown=1\n[other]\nx=2\n");
        Assert.Empty(doc.Errors);
        Assert.Equal("yes", Value(doc, "default", "shared"));
        Assert.Equal("yes", Value(doc, "other", "SHARED"));
        Assert.Null(doc.Get("other", "own"));
        Assert.Equal(["default", "other"], doc.Sections.Select(s => s.Name));
    }

    [Fact]
    public void An_empty_file_has_no_sections_and_no_errors()
    {
        var doc = IniParser.Parse(Array.Empty<byte>());
        Assert.Empty(doc.Errors);
        Assert.Empty(doc.Sections);
        Assert.Null(doc.Get("default", "k"));
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_ignored()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("[default]\nk=v\n")).ToArray();
        var doc = IniParser.Parse(bytes);
        Assert.Empty(doc.Errors);
        Assert.Equal("v", Value(doc, "default", "k"));
        Assert.Equal(1, doc.GetSection("default")!.Line);
    }

    [Fact]
    public void Non_utf8_text_is_reported_as_such_with_the_line_of_the_first_bad_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("[default]\nk=v\nname=caf").Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray();
        var doc = IniParser.Parse(bytes);
        var error = Assert.Single(doc.Errors);
        Assert.Equal(3, error.Line);
        Assert.Equal("the file is not valid UTF-8 text (invalid byte 0xE9 at line 3)", error.Message);
        Assert.Empty(doc.Sections);
    }

    [Fact]
    public void Non_utf8_text_far_into_a_large_file_is_reported_at_its_line()
    {
        var text = "[default]\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"key{i}=value {i} é\n"));
        var bytes = Encoding.UTF8.GetBytes(text).Concat(new byte[] { 0xFF, 0xFE }).ToArray();
        var error = Assert.Single(IniParser.Parse(bytes).Errors);
        Assert.Equal(5002, error.Line);
        Assert.Contains("invalid byte 0xFF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8_text_outside_ascii_is_read_as_is()
    {
        var doc = IniParser.Parse(Encoding.UTF8.GetBytes("[s]\nk=café ✓ 日本\n"));
        Assert.Empty(doc.Errors);
        Assert.Equal("café ✓ 日本", Value(doc, "s", "k"));
    }

    // Interpolation (spec §1.1: ExtendedInterpolation)

    [Fact]
    public void Interpolation_reads_keys_of_the_same_section_other_sections_and_DEFAULT()
    {
        var doc = Parse("[DEFAULT]\nroot=/data\n[paths]\nbase=${root}/x\n[s]\nname=n\nk=${name}-${paths:base}-${DEFAULT:root}\n");
        Assert.Equal("/data/x", Value(doc, "paths", "base"));
        Assert.Equal("n-/data/x-/data", Value(doc, "s", "k"));
    }

    [Fact]
    public void Interpolated_keys_are_case_insensitive_and_nested_references_resolve_in_their_own_section()
    {
        var doc = Parse("[a]\nx=${Y}\ny=${b:z}\n[b]\nz=${w}\nw=deep\n");
        Assert.Equal("deep", Value(doc, "a", "x"));
    }

    [Fact]
    public void A_double_dollar_is_a_literal_dollar_and_is_not_interpolated_again()
    {
        var doc = Parse("[s]\nk=cost $$5 and $${x}\n");
        Assert.Equal("cost $5 and ${x}", Value(doc, "s", "k"));
    }

    [Theory]
    [InlineData("[s]\nk=$x\n", "'$' must be followed by '$' or '{' (write '$$' for a literal '$'), found '$x'")]
    [InlineData("[s]\nk=trailing $\n", "'$' must be followed by '$' or '{' (write '$$' for a literal '$'), found '$'")]
    [InlineData("[s]\nk=${}\n", "bad interpolation reference '${}': expected '${key}' or '${section:key}'")]
    [InlineData("[s]\nk=${unclosed\n", "bad interpolation reference '${unclosed': expected '${key}' or '${section:key}'")]
    [InlineData("[s]\nk=${a:b:c}\n", "bad interpolation reference '${a:b:c}': more than one ':' found")]
    [InlineData("[s]\nk=${nope}\n", "bad interpolation reference '${nope}': there is no key 'nope' in section [s]")]
    [InlineData("[s]\nk=${t:x}\n", "bad interpolation reference '${t:x}': there is no section [t]")]
    [InlineData("[s]\nk=${S:k2}\n[S2]\n", "bad interpolation reference '${S:k2}': there is no section [S]")]
    [InlineData("[s]\nk=${k}\n", "interpolation is nested more than 10 levels deep (do references form a loop?)")]
    [InlineData("[s]\nk=${j}\nj=${k}\n", "interpolation is nested more than 10 levels deep (do references form a loop?)")]
    public void Bad_interpolation_is_an_error_when_the_value_is_read(string text, string message) =>
        Assert.Equal(message, InterpolationError(text, "s", "k"));

    [Fact]
    public void Ten_levels_of_references_resolve_and_eleven_do_not()
    {
        // Python: MAX_INTERPOLATION_DEPTH = 10, counted from the value read (depth 1).
        static string Chain(int levels) => "[s]\n" + string.Concat(Enumerable.Range(0, levels).Select(i => $"k{i}=${{k{i + 1}}}\n")) + $"k{levels}=end\n";

        Assert.Equal("end", Value(Parse(Chain(10)), "s", "k0"));
        Assert.Contains("nested more than 10 levels", InterpolationError(Chain(11), "s", "k0"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_value_only_fails_when_it_is_read()
    {
        var doc = Parse("[s]\nbad=$oops\ngood=fine\n");
        Assert.Empty(doc.Errors);
        Assert.Equal("fine", Value(doc, "s", "good"));
    }

    [Fact]
    public void References_that_multiply_at_every_level_are_stopped_instead_of_expanding_forever()
    {
        // 20 references per level, 10 levels: 20^9 leaves (configparser would never finish).
        var text = new StringBuilder("[s]\n");
        for (var level = 0; level < 9; level++)
        {
            text.Append($"k{level}=").Append(string.Concat(Enumerable.Repeat($"${{k{level + 1}}}", 20))).Append('\n');
        }
        text.Append("k9=$$\n");

        var error = InterpolationError(text.ToString(), "s", "k0");

        Assert.Contains("expands to more than", error, StringComparison.Ordinal);
    }

    [Fact]
    public void References_that_build_a_huge_value_are_stopped()
    {
        var big = new string('x', 100_000);
        var text = $"[s]\nk=${{a}}${{a}}${{a}}${{a}}${{a}}${{a}}${{a}}${{a}}${{a}}${{a}}${{a}}${{a}}${{a}}${{a}}${{a}}${{a}}${{a}}${{a}}${{a}}${{a}}\n"
            + "a=${b}${b}${b}${b}${b}${b}${b}${b}${b}${b}\nb=" + big + "$$\n";

        var error = InterpolationError(text, "s", "k");

        Assert.Contains("expands to more than", error, StringComparison.Ordinal);
    }
}
