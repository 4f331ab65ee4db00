using Bodywork.Models.Projects;
using Bodywork.Models.Workflows;

namespace Bodywork.Engine.Workflows;

/// <summary>The mutable state of one stage during a run; snapshot into <see cref="WorkflowStageResult"/> at the end.</summary>
internal sealed class StageTracker
{
    public const int LogTailLines = 50;
    private readonly Queue<string> _tail = new();
    private readonly object _gate = new();

    public StageTracker(BodyworkStage stage, int step)
    {
        Stage = stage;
        Step = step;
    }

    public BodyworkStage Stage { get; }
    public int Step { get; }
    public StageRunStatus Status { get; set; } = StageRunStatus.NotStarted;
    public int Attempts { get; set; }
    public DateTimeOffset? StartTime { get; set; }
    public TimeSpan? Duration { get; set; }
    public string? ServiceUrl { get; set; }
    public string? Error { get; set; }

    public void AddLogLine(string line)
    {
        lock (_gate)
        {
            _tail.Enqueue(line);
            while (_tail.Count > LogTailLines)
            {
                _tail.Dequeue();
            }
        }
    }

    /// <summary>A new attempt starts: the tail keeps only the latest attempt's output.</summary>
    public void ClearLog()
    {
        lock (_gate)
        {
            _tail.Clear();
        }
    }

    public WorkflowStageResult ToResult()
    {
        lock (_gate)
        {
            return new WorkflowStageResult
            {
                Stage = Stage.Name,
                Step = Step,
                Kind = Stage.Kind,
                ObjectName = Stage.ObjectName,
                Status = Status,
                Attempts = Attempts,
                StartTime = StartTime,
                Duration = Duration,
                ServiceUrl = ServiceUrl,
                Error = Error,
                LogTail = _tail.ToList(),
            };
        }
    }
}
