using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bodywork.Engine.Kubernetes.Config;
using Bodywork.Models.Errors;

namespace Bodywork.Engine.Kubernetes.Auth.Exec;

/// <summary>
/// Runs one exec credential plugin as kubectl does: arguments as a vector, our environment plus the
/// configured env plus KUBERNETES_EXEC_INFO, stdout parsed as an ExecCredential, stderr passed to the user.
/// </summary>
internal static partial class ExecPluginRunner
{
    public static async Task<ExecCredential> RunAsync(ExecPluginSettings settings, KubeConfigEnvironment environment, CancellationToken cancellationToken)
    {
        var stdinIsTerminal = environment.StandardInputIsTerminal ?? !Console.IsInputRedirected;
        if (settings.InteractiveMode == ExecInteractiveMode.Always && !stdinIsTerminal)
        {
            throw Failed(settings, $"exec plugin '{settings.Command}' needs an interactive terminal (interactiveMode: Always) but standard input is redirected. " +
                "Run the plugin once in a terminal to sign in, or use a non-interactive credential.");
        }
        var interactive = settings.InteractiveMode switch
        {
            ExecInteractiveMode.Never => false,
            ExecInteractiveMode.Always => true,
            _ => stdinIsTerminal,
        };

        var executable = ExecCommandResolver.Resolve(settings.Command, environment) ?? throw NotFound(settings);
        var startInfo = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = !interactive,
        };
        foreach (var arg in settings.Args)
        {
            startInfo.ArgumentList.Add(arg);
        }
        if (environment.Variables is { } variables)
        {
            startInfo.Environment.Clear();
            foreach (var (name, value) in variables)
            {
                startInfo.Environment[name] = value;
            }
        }
        foreach (var (name, value) in settings.Env)
        {
            startInfo.Environment[name] = value;
        }
        startInfo.Environment["KUBERNETES_EXEC_INFO"] = ExecInfoJson(settings, interactive);

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw Failed(settings, $"exec plugin '{settings.Command}' could not be started: {e.Message}", e);
        }

        if (!interactive)
        {
            process.StandardInput.Close();
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (!interactive)
        {
            timeout.CancelAfter(environment.ExecPluginTimeout);
        }

        var stdoutTask = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderrTask = PumpStandardErrorAsync(process.StandardError, environment.PluginErrorOutput, timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            await Task.WhenAll(stdoutTask, stderrTask).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillQuietly(process);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            throw Failed(settings, $"exec plugin '{settings.Command}' did not finish within {environment.ExecPluginTimeout.TotalSeconds:0} seconds");
        }

        if (process.ExitCode != 0)
        {
            throw Failed(settings, $"exec plugin: executable {settings.Command} failed with exit code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}");
        }
        return Parse(settings, await stdoutTask.ConfigureAwait(false));
    }

    internal static string ExecInfoJson(ExecPluginSettings settings, bool interactive) =>
        JsonSerializer.Serialize(new ExecCredentialJson
        {
            ApiVersion = settings.ApiVersion,
            Kind = "ExecCredential",
            Spec = new ExecCredentialSpecJson { Interactive = interactive, Cluster = settings.Cluster },
        }, ExecCredentialJsonContext.Default.ExecCredentialJson);

    private static ExecCredential Parse(ExecPluginSettings settings, string stdout)
    {
        ExecCredentialJson? credential;
        try
        {
            credential = JsonSerializer.Deserialize(stdout, ExecCredentialJsonContext.Default.ExecCredentialJson);
        }
        catch (JsonException e)
        {
            // Only the position: the JsonException message may quote stdout, which can hold a token.
            throw Failed(settings, $"exec plugin '{settings.Command}' wrote output that is not an ExecCredential JSON object " +
                $"(invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }

        if (credential is null)
        {
            throw Failed(settings, $"exec plugin '{settings.Command}' wrote no ExecCredential");
        }
        if (!string.Equals(credential.ApiVersion, settings.ApiVersion, StringComparison.Ordinal))
        {
            throw Failed(settings, $"exec plugin '{settings.Command}' answered with apiVersion '{credential.ApiVersion}', expected '{settings.ApiVersion}' as configured");
        }
        if (!string.Equals(credential.Kind, "ExecCredential", StringComparison.Ordinal))
        {
            throw Failed(settings, $"exec plugin '{settings.Command}' answered with kind '{credential.Kind}', expected 'ExecCredential'");
        }
        var status = credential.Status ?? throw Failed(settings, $"exec plugin '{settings.Command}' answered without a 'status'");

        var hasCert = !string.IsNullOrEmpty(status.ClientCertificateData);
        var hasKey = !string.IsNullOrEmpty(status.ClientKeyData);
        if (hasCert != hasKey)
        {
            throw Failed(settings, $"exec plugin '{settings.Command}' answered with only one of status.clientCertificateData and status.clientKeyData; both are needed");
        }
        if (string.IsNullOrEmpty(status.Token) && !hasCert)
        {
            throw Failed(settings, $"exec plugin '{settings.Command}' answered with neither status.token nor status.clientCertificateData and status.clientKeyData");
        }

        ClientCertificate? certificate = null;
        if (hasCert)
        {
            try
            {
                certificate = ClientCertificateLoader.Load(status.ClientCertificateData!, status.ClientKeyData!);
            }
            catch (FormatException e)
            {
                throw Failed(settings, $"exec plugin '{settings.Command}' answered with an unusable client certificate: {e.Message}", e);
            }
        }

        DateTimeOffset? expiresAt = null;
        if (!string.IsNullOrEmpty(status.ExpirationTimestamp))
        {
            if (!DateTimeOffset.TryParse(status.ExpirationTimestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                throw Failed(settings, $"exec plugin '{settings.Command}' answered with status.expirationTimestamp '{status.ExpirationTimestamp}', expected an RFC 3339 time");
            }
            expiresAt = parsed;
        }
        return new ExecCredential(string.IsNullOrEmpty(status.Token) ? null : status.Token, certificate, expiresAt);
    }

    private static async Task PumpStandardErrorAsync(StreamReader reader, Action<string> sink, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            sink(line);
        }
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static BodyworkException NotFound(ExecPluginSettings settings)
    {
        var hint = string.IsNullOrWhiteSpace(settings.InstallHint) ? null : StripControl(settings.InstallHint).Trim();
        var message = $"exec plugin: executable {settings.Command} not found (needed by {settings.Origin}).";
        if (hint is not null)
        {
            message += Environment.NewLine + Environment.NewLine + hint;
        }
        return new BodyworkException(BodyworkErrorIds.ExecPluginNotFound, BodyworkErrorCategory.NotInstalled, message, settings.Command,
            hint ?? $"Install '{settings.Command}' and make sure it is on PATH for this process.");
    }

    private static BodyworkException Failed(ExecPluginSettings settings, string message, Exception? inner = null) =>
        new(BodyworkErrorIds.ExecPluginFailed, BodyworkErrorCategory.AuthenticationError, $"{message} (configured for {settings.Origin}).",
            settings.Command, "Run the plugin by hand to see why it fails, or fetch fresh credentials for the cluster.", inner);

    /// <summary>Install hints may carry ANSI colours; they would garble an error record.</summary>
    private static string StripControl(string text) => ControlSequences().Replace(text, "");

    [GeneratedRegex(@"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")]
    private static partial Regex ControlSequences();
}
