namespace Bodywork.Engine.Processes;

/// <summary>Exit code and the captured output of a finished process.</summary>
internal sealed record ProcessResult(int ExitCode, IReadOnlyList<string> StandardOutput, IReadOnlyList<string> StandardError)
{
    /// <summary>The last <paramref name="count"/> non-empty lines of stderr (else stdout), for error messages.</summary>
    public string Tail(int count = 5)
    {
        var lines = (StandardError.Any(l => l.Length > 0) ? StandardError : StandardOutput).Where(l => l.Length > 0).ToList();
        return string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Count - count)));
    }
}
