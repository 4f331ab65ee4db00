namespace Bodywork.Engine.Workflows;

/// <summary>
/// The original's log texts (spec §5.3, §5.11, §6), with "locally" in place of the namespace for local
/// runs. One place, so the CLI output stays comparable with Bodywork v0.2 logs.
/// </summary>
internal static class WorkflowMessages
{
    public static string Where(WorkflowExecutionContext run) =>
        run.Namespace is null ? "locally" : $"in kubernetes namespace={run.Namespace}";

    public static string Branch(WorkflowExecutionContext run) => run.Branch ?? "(working copy)";

    public static string Started(WorkflowExecutionContext run) =>
        $"attempting to run workflow for project={run.Source} on branch={Branch(run)} {Where(run)}";

    public static string Succeeded(WorkflowExecutionContext run) =>
        $"successfully ran workflow for project={run.Source} on branch={Branch(run)} {Where(run)}";

    // The original misspelt "repository" (spec §5.11); we do not keep the typo.
    public static string Failed(WorkflowExecutionContext run, string error) =>
        $"failed to execute workflow for {Branch(run)} branch of project repository at {run.Source}: {error}";

    public static string Cancelled(WorkflowExecutionContext run) =>
        $"workflow for project={run.Source} on branch={Branch(run)} {Where(run)} was cancelled; stopped the stages it had started";

    public static string StepStarted(IReadOnlyList<string> step) =>
        $"attempting to execute DAG step={WorkflowLogFormatter.PythonList(step)}";

    public static string StepSucceeded(IReadOnlyList<string> step) =>
        $"successfully executed DAG step={WorkflowLogFormatter.PythonList(step)}";

    public static string StepFailed(IReadOnlyList<string> step, string errors) =>
        $"failed to execute DAG step={WorkflowLogFormatter.PythonList(step)}: {errors}";

    public static string StageStarted(string stage, string kind, WorkflowExecutionContext run) =>
        $"attempting to run stage={stage} ({kind}) from {Branch(run)} branch of repo at {run.Source}";

    public static string AttemptStarted(string stage, int attempt, int maxAttempts) =>
        $"running stage={stage}: attempt {attempt} of {maxAttempts}";

    public static string AttemptFailed(string stage, int attempt, int maxAttempts, string error) =>
        $"stage={stage} attempt {attempt} of {maxAttempts} failed: {error}; retrying";

    public static string StageSucceeded(string stage, WorkflowExecutionContext run) =>
        $"successfully ran stage={stage} from {Branch(run)} branch of repo at {run.Source}";

    public static string StageFailed(string stage, string error) => $"Stage {stage} failed - {error}";

    public static string ServiceReady(string stage, string url) => $"service stage={stage} is ready at {url}";
}
