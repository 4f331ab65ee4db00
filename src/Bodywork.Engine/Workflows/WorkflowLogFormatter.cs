using System.Globalization;
using Bodywork.Models.Workflows;

namespace Bodywork.Engine.Workflows;

/// <summary>
/// The original's log line format (spec §5.10): <c>&lt;asctime&gt; - &lt;LEVEL&gt; - &lt;module&gt;.&lt;function&gt; - &lt;message&gt;</c>,
/// asctime in local time as <c>YYYY-MM-DD HH:MM:SS,mmm</c>. Stage output lines keep this shape with the
/// origin <c>stage.run_stage</c> and the stage name in brackets, so parallel stages stay readable.
/// </summary>
public static class WorkflowLogFormatter
{
    /// <summary>Formats one event as one log line (no trailing newline).</summary>
    public static string Format(WorkflowEvent workflowEvent)
    {
        ArgumentNullException.ThrowIfNull(workflowEvent);
        var message = workflowEvent.Kind == WorkflowEventKind.StageLog && workflowEvent.Stage is not null
            ? $"[{workflowEvent.Stage}] {workflowEvent.Message}"
            : workflowEvent.Message;
        return FormatLine(workflowEvent.Time, workflowEvent.Level, workflowEvent.Origin, message);
    }

    /// <summary>One line from its parts; <paramref name="time"/> is shown in the machine's local time zone.</summary>
    public static string FormatLine(DateTimeOffset time, WorkflowLogLevel level, string origin, string message) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{time.ToLocalTime():yyyy-MM-dd HH:mm:ss,fff} - {LevelName(level)} - {origin} - {message}");

    /// <summary>Python logging's level names.</summary>
    public static string LevelName(WorkflowLogLevel level) => level switch
    {
        WorkflowLogLevel.Debug => "DEBUG",
        WorkflowLogLevel.Warning => "WARNING",
        WorkflowLogLevel.Error => "ERROR",
        _ => "INFO",
    };

    /// <summary>A Python list repr of names, as the original logs a DAG step: <c>['train-a', 'train-b']</c>.</summary>
    public static string PythonList(IEnumerable<string> items) =>
        "[" + string.Join(", ", items.Select(i => "'" + i.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'")) + "]";
}
