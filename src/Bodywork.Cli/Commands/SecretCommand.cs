using System.Text.Json;
using Bodywork.Cli.Management;
using Bodywork.Cli.Parsing;
using Bodywork.Cli.Workflows;
using Bodywork.Engine.Management;

namespace Bodywork.Cli.Commands;

/// <summary>
/// <c>bodywork secret create|delete|display --namespace NS --name N --data K=V ...</c>. Display lists keys
/// only: unlike the original, values are never printed.
/// </summary>
public static class SecretCommand
{
    public const string NoName = "please specify a name for the secret you want to create";
    public const string NoData = "please specify keys and values for the secret you want to create";
    public const string BadData = "could not parse secret data - example format: --data USERNAME=alex PASSWORD=alex123";

    public static CliCommand Create() =>
        new CliCommand("secret", "Create, delete or display secrets whose keys stages receive as environment variables.")
            .Subcommand(Sub("create", "Create a secret from --data KEY=VALUE pairs (with --force, replace an existing one).", CreateAsync)
                .Option(new CliOption("data", "keys and values, e.g. --data USERNAME=alex PASSWORD=alex123", CliOptionKind.Values) { MetaVar = "KEY=VALUE" })
                .Option(new CliOption("force", "replace an existing secret of that name", CliOptionKind.Flag)))
            .Subcommand(Sub("delete", "Delete a secret.", DeleteAsync))
            .Subcommand(Sub("display", "List secrets and their keys (never their values); with --name, one secret.", DisplayAsync));

    private static CliCommand Sub(string name, string help, Func<CliInvocation, Task<int>> handler) =>
        new CliCommand(name, help)
            .Option(new CliOption("name", "secret name") { Default = "" })
            .WithClusterOptions()
            .Handle(handler);

    private static async Task<int> CreateAsync(CliInvocation invocation)
    {
        var name = invocation.Get("name")!;
        if (name.Length == 0)
        {
            return await ClusterOptions.FailAsync(invocation, NoName).ConfigureAwait(false);
        }

        var tokens = invocation.GetAll("data");
        if (tokens.Count == 0)
        {
            return await ClusterOptions.FailAsync(invocation, NoData).ConfigureAwait(false);
        }

        if (ParseData(tokens) is not { } data)
        {
            return await ClusterOptions.FailAsync(invocation, BadData).ConfigureAwait(false);
        }

        using var connection = ClusterOptions.Connect(invocation);
        var ns = ClusterOptions.Namespace(invocation, connection);
        var secret = await new SecretManager(connection.Api)
            .CreateAsync(ns, name, data, invocation.Has("force"), new CliOperationContext(invocation.Error, invocation.CancellationToken))
            .ConfigureAwait(false);
        await (ClusterOptions.Json(invocation)
            ? invocation.Out.WriteLineAsync(JsonSerializer.Serialize(secret!, ManagementJsonContext.Readable.BodyworkSecret))
            : invocation.Out.WriteLineAsync($"secret={name} created in namespace={ns}")).ConfigureAwait(false);
        return CliApp.ExitOk;
    }

    private static async Task<int> DeleteAsync(CliInvocation invocation)
    {
        var name = invocation.Get("name")!;
        if (name.Length == 0)
        {
            return await ClusterOptions.FailAsync(invocation, NoName).ConfigureAwait(false);
        }

        using var connection = ClusterOptions.Connect(invocation);
        var ns = ClusterOptions.Namespace(invocation, connection);
        var secret = await new SecretManager(connection.Api)
            .RemoveAsync(ns, name, new CliOperationContext(invocation.Error, invocation.CancellationToken)).ConfigureAwait(false);
        await (ClusterOptions.Json(invocation)
            ? invocation.Out.WriteLineAsync(JsonSerializer.Serialize(secret!, ManagementJsonContext.Readable.BodyworkSecret))
            : invocation.Out.WriteLineAsync($"secret={name} deleted from namespace={ns}")).ConfigureAwait(false);
        return CliApp.ExitOk;
    }

    private static async Task<int> DisplayAsync(CliInvocation invocation)
    {
        var name = invocation.Get("name")!;
        using var connection = ClusterOptions.Connect(invocation);
        var ns = ClusterOptions.Namespace(invocation, connection);
        var manager = new SecretManager(connection.Api);
        var secrets = name.Length == 0
            ? await manager.ListAsync(ns, null, invocation.CancellationToken).ConfigureAwait(false)
            : [await manager.GetAsync(ns, name, invocation.CancellationToken).ConfigureAwait(false)];
        if (ClusterOptions.Json(invocation))
        {
            await invocation.Out.WriteLineAsync(JsonSerializer.Serialize(secrets, ManagementJsonContext.Readable.IReadOnlyListBodyworkSecret)).ConfigureAwait(false);
            return CliApp.ExitOk;
        }

        foreach (var secret in secrets)
        {
            await invocation.Out.WriteLineAsync().ConfigureAwait(false);
            await invocation.Out.WriteLineAsync($"-- {secret.Name}:").ConfigureAwait(false);
            foreach (var key in secret.Keys)
            {
                await invocation.Out.WriteLineAsync($"-> {key}").ConfigureAwait(false);
            }
        }

        return CliApp.ExitOk;
    }

    /// <summary>
    /// The original's parsing: split at the first '='; no '=', an empty key or an empty value is malformed
    /// (null); the last of duplicate keys wins.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? ParseData(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == token.Length - 1)
            {
                return null;
            }

            data[token[..equals]] = token[(equals + 1)..];
        }

        return data;
    }
}
