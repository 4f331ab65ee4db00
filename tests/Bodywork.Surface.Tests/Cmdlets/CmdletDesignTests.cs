using System.Reflection;
using System.Text.RegularExpressions;
using Bodywork.Surface.Tests.Infrastructure;
using Xunit;

namespace Bodywork.Surface.Tests.Cmdlets;

/// <summary>
/// PSScriptAnalyzer's cmdlet-design rules and our conventions (§2), checked on every cmdlet found
/// in Bodywork.Commands.dll, so a cmdlet added later is checked without touching these tests.
/// </summary>
public sealed class CmdletDesignTests
{
    private static readonly ModuleMetadata Module = ModuleMetadata.Instance;

    // PSScriptAnalyzer's list (Engine/Helper.cs) plus Invoke and Initialize (§2.1).
    private static readonly HashSet<string> StateChangingVerbs =
        ["New", "Set", "Remove", "Start", "Stop", "Restart", "Reset", "Update", "Invoke", "Initialize"];

    private static readonly HashSet<string> CommonParameterNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable",
        "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm",
        "UseTransaction", "vb", "db", "ea", "wa", "infa", "proga", "ev", "wv", "iv", "ov", "ob", "pv", "wi", "cf",
    };

    private static readonly Regex SecretLikeName = new("(Password|Passphrase|Passwd|Secret ?Value|SecretValue|Token|Credential|Cred$|ApiKey|PrivateKey)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [Fact]
    public void The_module_has_the_expected_cmdlets_to_check()
    {
        // Guards every generic test below against passing on an empty list.
        Assert.Contains(Module.Cmdlets, c => c.Name == "Test-BodyworkProject");
        Assert.Contains(Module.Cmdlets, c => c.Name == "Get-BodyworkProject");
    }

    [Fact]
    public void Verbs_are_approved()
    {
        var approved = Module.Sma.GetTypes()
            .Where(t => t.IsPublic && t.Name.StartsWith("Verbs", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Get", approved); // the stub's constants are real: an empty set would make this test vacuous
        Assert.All(Module.Cmdlets, c => Assert.True(approved.Contains(c.Verb), $"{c.Name}: '{c.Verb}' is not an approved verb"));
    }

    [Fact]
    public void Nouns_are_singular_pascal_case_with_the_Bodywork_prefix()
    {
        var pascal = new Regex("^Bodywork([A-Z][a-z0-9]+)+$", RegexOptions.CultureInvariant);
        Assert.All(Module.Cmdlets, c =>
        {
            Assert.Matches(pascal, c.Noun);
            var lastWord = Regex.Matches(c.Noun, "[A-Z][a-z0-9]*")[^1].Value;
            var plural = lastWord.EndsWith('s') && !lastWord.EndsWith("ss", StringComparison.Ordinal)
                && !lastWord.EndsWith("us", StringComparison.Ordinal) && !lastWord.EndsWith("is", StringComparison.Ordinal);
            Assert.False(plural, $"{c.Name}: the noun must be singular");
        });
    }

    [Fact]
    public void Class_is_named_Verb_Noun_Command_in_the_Bodywork_Commands_namespace()
    {
        // The class name is part of every FullyQualifiedErrorId: renaming it breaks scripts.
        Assert.All(Module.Cmdlets, c =>
        {
            Assert.Equal($"Bodywork.Commands.{c.Verb}{c.Noun}Command", c.Type.FullName);
            Assert.True(c.Type.IsSealed, $"{c.Type.Name} should be sealed");
        });
    }

    [Fact]
    public void State_changing_verbs_support_ShouldProcess_and_Remove_confirms_with_High_impact()
    {
        Assert.All(Module.Cmdlets.Where(c => StateChangingVerbs.Contains(c.Verb)), c =>
            Assert.True(c.SupportsShouldProcess, $"{c.Name} changes state and must declare SupportsShouldProcess"));
        Assert.All(Module.Cmdlets.Where(c => c.Verb == "Remove"), c =>
            Assert.True(c.ConfirmImpact == 3, $"{c.Name} must use ConfirmImpact.High"));
        Assert.All(Module.Cmdlets.Where(c => c.Verb is "New" or "Invoke"), c =>
            Assert.True(c.ConfirmImpact == 2, $"{c.Name} must use ConfirmImpact.Medium"));
        Assert.All(Module.Cmdlets.Where(c => c.Verb is "Get" or "Test"), c =>
            Assert.False(c.SupportsShouldProcess, $"{c.Name} reads only; -WhatIf would be misleading"));
    }

    [Fact]
    public void Every_cmdlet_declares_OutputType_for_every_parameter_set()
    {
        Assert.All(Module.Cmdlets, c =>
        {
            Assert.NotEmpty(c.OutputTypes);
            var declaredFor = c.OutputTypes.SelectMany(o => o.ParameterSets).ToHashSet();
            var forAll = c.OutputTypes.Any(o => o.ParameterSets.Count == 0);
            Assert.All(c.ParameterSetNames, set =>
                Assert.True(forAll || declaredFor.Contains(set), $"{c.Name}: parameter set '{set}' has no [OutputType]"));
            Assert.All(declaredFor, set =>
                Assert.True(c.ParameterSetNames.Contains(set), $"{c.Name}: [OutputType] names unknown set '{set}'"));
        });
    }

    [Fact]
    public void Parameters_use_no_common_or_reserved_names()
    {
        var identifier = new Regex("^[A-Z][A-Za-z0-9]*$", RegexOptions.CultureInvariant);
        Assert.All(Module.Cmdlets.SelectMany(c => c.Parameters.Select(p => (c, p))), x =>
        {
            Assert.Matches(identifier, x.p.Name);
            Assert.DoesNotContain(x.p.Name, CommonParameterNames);
            Assert.All(x.p.Aliases, a => Assert.DoesNotContain(a, CommonParameterNames));
        });
    }

    [Fact]
    public void Switches_are_never_positional()
    {
        var switchType = Module.SmaType("SwitchParameter");
        Assert.All(Module.Cmdlets.SelectMany(c => c.Parameters.Select(p => (c, p))), x =>
            Assert.True(x.p.Type != switchType || x.p.Sets.All(s => s.Position is null),
                $"{x.c.Name} -{x.p.Name}: switches are never positional"));
    }

    [Fact]
    public void Namespace_parameter_is_identical_everywhere()
    {
        var namespaces = Module.Cmdlets
            .SelectMany(c => c.Parameters.Where(p => p.Name == "Namespace").Select(p => (c.Name, Signature: Signature(p))))
            .ToList();
        var distinct = namespaces.Select(n => n.Signature).Distinct().ToList();
        Assert.True(distinct.Count <= 1,
            "-Namespace differs between cmdlets:\n" + string.Join("\n", namespaces.Select(n => $"{n.Name}: {n.Signature}")));
    }

    [Fact]
    public void No_plain_text_secret_parameters()
    {
        var stringLike = new[] { typeof(string).FullName, typeof(string[]).FullName };
        Assert.All(Module.Cmdlets.SelectMany(c => c.Parameters.Select(p => (c, p))), x =>
            Assert.False(stringLike.Contains(x.p.Type.FullName) && (SecretLikeName.IsMatch(x.p.Name) || x.p.Aliases.Any(SecretLikeName.IsMatch)),
                $"{x.c.Name} -{x.p.Name} takes a secret as plain text; use SecureString or PSCredential"));
    }

    [Fact]
    public void At_most_one_ValueFromPipeline_parameter_per_set()
    {
        Assert.All(Module.Cmdlets, c => Assert.All(c.ParameterSetNames, set =>
        {
            var byValue = c.InSet(set).Where(x => x.Set.ValueFromPipeline).Select(x => x.Parameter.Name).ToList();
            Assert.True(byValue.Count <= 1, $"{c.Name} set '{set}': {string.Join(", ", byValue)} all take pipeline input by value");
        }));
    }

    [Fact]
    public void Positions_are_unique_within_each_set()
    {
        Assert.All(Module.Cmdlets, c => Assert.All(c.ParameterSetNames, set =>
        {
            var positions = c.InSet(set).Where(x => x.Set.Position is not null).Select(x => x.Set.Position).ToList();
            Assert.Equal(positions.Count, positions.Distinct().Count());
        }));
    }

    [Fact]
    public void BodyworkErrorCategory_names_are_ErrorCategory_names()
    {
        var errorCategory = Module.SmaType("ErrorCategory").GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var ours = Module.Models.GetType("Bodywork.Models.Errors.BodyworkErrorCategory", throwOnError: true)!
            .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name).ToList();
        Assert.Contains("InvalidData", ours);
        Assert.All(ours, name => Assert.Contains(name, errorCategory));
    }

    [Fact]
    public void ModuleInit_hooks_import_and_removal()
    {
        var init = Module.Commands.GetType("Bodywork.Commands.Loading.ModuleInit", throwOnError: true)!;
        var interfaces = init.GetInterfaces().Select(i => i.FullName).ToList();
        Assert.Contains("System.Management.Automation.IModuleAssemblyInitializer", interfaces);
        Assert.Contains("System.Management.Automation.IModuleAssemblyCleanup", interfaces);
    }

    private static string Signature(Infrastructure.ParameterInfo p) =>
        $"{p.Type.FullName} aliases[{string.Join(",", p.Aliases)}] attributes[{string.Join(",", p.AttributeNames)}] "
        + string.Join(";", p.Sets.Select(s => $"mandatory={s.Mandatory} byPropertyName={s.ValueFromPipelineByPropertyName} byValue={s.ValueFromPipeline}").Distinct());
}
