using Xunit;

namespace Bodywork.Surface.Tests.Scripts;

/// <summary>The scanner itself: it must accept valid PowerShell and catch each kind of breakage it claims to.</summary>
public sealed class PowerShellScannerTests
{
    public static TheoryData<string, string> BrokenScripts => new()
    {
        { "function f {\n  if ($x) {\n    1\n}\n", "line 1: '{' is never closed" },
        { "$a = @(1, 2\n", "line 1: '(' is never closed" },
        { "if ($x) { 1 }}\n", "line 1: '}' closes nothing" },
        { "$a = [int)\n", "line 1: ')' closes '[' opened on line 1" },
        { "Write-Output 'open\n", "line 1: string ' is never closed" },
        { "Write-Output \"open $x\n", "line 1: string \" is never closed" },
        { "Write-Output \"sub $(Get-Date\n", "line 1: string \" is never closed" },
        { "$h = @'\ntext\n  '@\n", "line 1: here-string @' ends on line 3 with an indented '@; it must start the line" },
        { "$h = @\"\ntext\n", "line 1: here-string @\" has no \"@ at the start of a line" },
        { "$h = @'text\n'@\n", "line 1: here-string header @' must end its line" },
        { "<# help\nfunction f {}\n", "line 1: block comment '<#' has no '#>'" },
        { "Write-Output \u201Chello\u201D\n", "line 1: typographic quote U+201C; PowerShell reads it as a quote, use ' or \"" },
        { "$v = ${unclosed\n", "line 1: variable '${' is never closed" },
    };

    [Theory]
    [MemberData(nameof(BrokenScripts))]
    public void Reports_the_breakage(string script, string expected)
    {
        var errors = PowerShellScanner.Scan(script).Errors;
        Assert.Contains(expected, errors);
    }

    public static TheoryData<string> ValidScripts => new()
    {
        "Write-Output 'it''s' \"say \"\"hi\"\"\" \"`\"quoted`\"\"\n",
        "Write-Output \"$($items | ForEach-Object { \"[$_]\" }) and $(@{ a = ')' }.a)\"\n",
        "$h = @'\n{ ( [ ' \" unbalanced inside\n'@\n$g = @\"\n$(1 + 1) }\n\"@\n",
        "# a comment with ' and { and \"\nfunction f { } # trailing ) comment\n<# block\n ' { #>\n",
        "$x = ${env:ProgramFiles(x86)}\n$y = \"${name}: $($z)\"\n",
        "Get-ChildItem `\n    -Path . `\n    -Filter '*.ps1'\n",
        "$url = 'http://host/a#b'; $bare = a#b\n",
        "$m = [regex]::Match('x', '(?<n>[a-z]+)')\n$t = [System.Collections.Generic.List[string]]::new()\n",
    };

    [Theory]
    [MemberData(nameof(ValidScripts))]
    public void Accepts_valid_PowerShell(string script) =>
        Assert.Empty(PowerShellScanner.Scan(script).Errors);

    [Fact]
    public void Code_view_blanks_strings_and_comments_but_keeps_lines()
    {
        var code = PowerShellScanner.Scan("Get-Item 'Remove-Item'\n# Stop-Process\n\"Set-Content $(Get-Date)\"\n").Code;
        Assert.Contains("Get-Item", code, StringComparison.Ordinal);
        Assert.Contains("Get-Date", code, StringComparison.Ordinal); // a subexpression is code
        Assert.DoesNotContain("Remove-Item", code, StringComparison.Ordinal);
        Assert.DoesNotContain("Stop-Process", code, StringComparison.Ordinal);
        Assert.DoesNotContain("Set-Content", code, StringComparison.Ordinal);
        Assert.Equal(4, code.Split('\n').Length);
    }
}
