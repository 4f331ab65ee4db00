using System.Diagnostics;
using Xunit;

namespace Bodywork.Engine.Tests.Support;

/// <summary>A fact that needs <c>python3</c> on PATH; reported as skipped, with the reason, where there is none.</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        if (!Python.IsAvailable)
        {
            Skip = "python3 is not on PATH (install it to check the example project's Python stages)";
        }
    }
}

/// <summary>Runs python3 with arguments passed as an argument list (never through a shell).</summary>
public static class Python
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            return Run(["-c", "import sys; print(sys.version_info[0])"]).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public static bool IsAvailable => Available.Value;

    public sealed record Result(int ExitCode, string Out, string Error);

    /// <summary>Runs python3; <paramref name="environment"/> entries are added to the child's environment.</summary>
    public static Result Run(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? stdin = null)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }
        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"python3 {string.Join(' ', start.ArgumentList)} did not finish within {Timeout}");
        }
        process.WaitForExit();
        return new Result(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }
}
