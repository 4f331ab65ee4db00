using System.Collections.Concurrent;
using Bodywork.Engine.Workflows;
using Bodywork.Models.Workflows;

namespace Bodywork.Cli.Workflows;

/// <summary>
/// Prints workflow events as the original's log lines. Events arrive from several threads; one writer
/// thread keeps lines whole and in order. Progress-bar status updates and debug events are not printed.
/// </summary>
public sealed class LogLineObserver : IWorkflowObserver
{
    private readonly TextWriter _out;
    private readonly object _gate = new();

    public LogLineObserver(TextWriter output) => _out = output;

    public void OnEvent(WorkflowEvent workflowEvent)
    {
        ArgumentNullException.ThrowIfNull(workflowEvent);
        if (workflowEvent.Kind == WorkflowEventKind.StageStatus || workflowEvent.Level == WorkflowLogLevel.Debug)
        {
            return;
        }

        var line = WorkflowLogFormatter.Format(workflowEvent);
        lock (_gate)
        {
            _out.WriteLine(line);
            _out.Flush();
        }
    }

    /// <summary>Flushes the writer (the console flushes per line anyway).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            _out.Flush();
        }
    }
}
