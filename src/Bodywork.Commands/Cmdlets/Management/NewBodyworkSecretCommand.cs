using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Net;
using System.Security;
using Bodywork.Commands.Cmdlets.Management;
using Bodywork.Commands.Completion;
using Bodywork.Commands.Validation;
using Bodywork.Engine.Management;
using Bodywork.Models.Errors;
using Bodywork.Models.Management;

namespace Bodywork.Commands;

/// <summary>New-BodyworkSecret: a labelled Secret whose keys stages receive as environment variables.</summary>
[Cmdlet(VerbsCommon.New, "BodyworkSecret", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = DataSet)]
[OutputType(typeof(BodyworkSecret))]
public sealed class NewBodyworkSecretCommand : BodyworkNamespacedCmdlet
{
    private const string DataSet = "Data";
    private const string CredentialSet = "Credential";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateKubernetesName(AllowDots = true)]
    public string Name { get; set; } = "";

    /// <summary>Keys and values; values are strings or SecureStrings.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = DataSet)]
    [ValidateNotNullOrEmpty]
    public Hashtable Data { get; set; } = [];

    /// <summary>Stored as the keys USERNAME and PASSWORD.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    [ValidateNotNull]
    public PSCredential Credential { get; set; } = PSCredential.Empty;

    /// <summary>Replace an existing secret of that name (its keys become exactly the given ones).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        IReadOnlyDictionary<string, string> data;
        try
        {
            data = ParameterSetName == CredentialSet ? FromCredential(Credential) : FromHashtable(Data);
        }
        catch (BodyworkException e)
        {
            WriteBodyworkError(e, Name);
            return;
        }

        Execute(ctx => new SecretManager(Api).CreateAsync(TargetNamespace, Name, data, Force.IsPresent, ctx), target: Name);
    }

    private static Dictionary<string, string> FromCredential(PSCredential credential) =>
        new(StringComparer.Ordinal)
        {
            ["USERNAME"] = credential.UserName ?? "",
            ["PASSWORD"] = Plain(credential.Password),
        };

    // The SecureString is turned into text only here, at the last moment before it is sent.
    private static Dictionary<string, string> FromHashtable(Hashtable table)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            var key = Unwrap(entry.Key)?.ToString() ?? "";
            data[key] = Unwrap(entry.Value) switch
            {
                string s => s,
                SecureString secure => Plain(secure),
                IFormattable f when entry.Value is not null && f.GetType().IsPrimitive => f.ToString(null, CultureInfo.InvariantCulture),
                null => throw ValueError(key, "is null"),
                var other => throw ValueError(key, $"is a {other.GetType().Name}; use a string or a SecureString"),
            };
        }

        return data;
    }

    private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;

    private static string Plain(SecureString? secure) => secure is null ? "" : new NetworkCredential("", secure).Password;

    // Names the key, never the value.
    private static BodyworkException ValueError(string key, string problem) =>
        new(BodyworkErrorIds.InvalidArgument, BodyworkErrorCategory.InvalidArgument, $"the value of secret key '{key}' {problem}", key);
}
