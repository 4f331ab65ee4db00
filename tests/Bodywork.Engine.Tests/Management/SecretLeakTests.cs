using System.Text;
using System.Text.Json;
using Bodywork.Cli;
using Bodywork.Engine.Management;
using Bodywork.Engine.Tests.Support;
using Bodywork.Models.Errors;
using Xunit;
using static Bodywork.Engine.Tests.Management.ManagementTestCluster;

namespace Bodywork.Engine.Tests.Management;

/// <summary>
/// A secret value must appear nowhere: not in results (their text and JSON), verbose, warnings, information,
/// ShouldProcess targets, error messages (including API failures on the write), or CLI output.
/// </summary>
public sealed class SecretLeakTests
{
    private const string Value = "hunter2-Very-Secret-7f3a";

    [Fact]
    public async Task No_output_log_or_error_contains_a_secret_value()
    {
        await using var cluster = await StartAsync();
        var manager = new SecretManager(cluster.Api);
        var seen = new StringBuilder();
        var contexts = new List<RecordingContext>();
        RecordingContext Ctx()
        {
            var c = new RecordingContext();
            contexts.Add(c);
            return c;
        }

        var data = new Dictionary<string, string> { ["PASSWORD"] = Value, ["USERNAME"] = "alex" };
        var created = await manager.CreateAsync(Namespace, "db-login", data, false, Ctx());
        seen.AppendLine(created!.ToString()).AppendLine(created.KeyList).AppendLine(JsonSerializer.Serialize(created));
        seen.AppendLine((await manager.CreateAsync(Namespace, "db-login", data, true, Ctx()))!.KeyList);
        foreach (var s in await manager.ListAsync(Namespace, null))
        {
            seen.AppendLine(JsonSerializer.Serialize(s));
        }

        // Failures while the value is in flight: conflict, server error, invalid key.
        seen.AppendLine((await Assert.ThrowsAnyAsync<BodyworkException>(() => manager.CreateAsync(Namespace, "db-login", data, false, Ctx()))).ToString());
        cluster.Server.Faults.FailNext(1, 500, verb: "create", resource: "secrets");
        seen.AppendLine((await Assert.ThrowsAnyAsync<BodyworkException>(() => manager.CreateAsync(Namespace, "other", data, false, Ctx()))).ToString());
        cluster.Server.Faults.FailNext(1, 500, verb: "patch", resource: "secrets");
        seen.AppendLine((await Assert.ThrowsAnyAsync<BodyworkException>(() => manager.CreateAsync(Namespace, "db-login", data, true, Ctx()))).ToString());
        seen.AppendLine((await Assert.ThrowsAnyAsync<BodyworkException>(() =>
            manager.CreateAsync(Namespace, "x", new Dictionary<string, string> { ["BAD KEY"] = Value }, false, Ctx()))).ToString());

        // The CLI: create, display, json display, delete, and a failing create.
        var kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("ns-leak-").FullName, "config");
        cluster.Server.WriteKubeconfig(kubeconfig, Namespace);
        foreach (var args in new[]
                 {
                     new[] { "secret", "create", "--name", "cli-secret", "--data", $"PASSWORD={Value}", "USERNAME=alex", "--kubeconfig", kubeconfig },
                     new[] { "secret", "create", "--name", "cli-secret", "--data", $"PASSWORD={Value}", "--kubeconfig", kubeconfig },
                     new[] { "secret", "display", "--kubeconfig", kubeconfig },
                     new[] { "secret", "display", "--name", "cli-secret", "--output", "json", "--kubeconfig", kubeconfig },
                     new[] { "secret", "delete", "--name", "cli-secret", "--kubeconfig", kubeconfig },
                 })
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            await CliApp.RunAsync(args, stdout, stderr, CancellationToken.None);
            seen.AppendLine(stdout.ToString()).AppendLine(stderr.ToString());
        }

        foreach (var c in contexts)
        {
            seen.AppendJoin('\n', c.Verbose).AppendJoin('\n', c.Warnings).AppendJoin('\n', c.Information.Select(i => i.Message))
                .AppendJoin('\n', c.ShouldProcessCalls.Select(s => s.Target + " " + s.Action));
        }

        var text = seen.ToString();
        Assert.Contains("PASSWORD", text, StringComparison.Ordinal); // the scan saw real output
        Assert.Contains("secret=cli-secret created in namespace=ml", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Value)), text, StringComparison.Ordinal);
    }
}
