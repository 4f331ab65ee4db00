using System.Text.Json.Nodes;

namespace FakeKubernetes;

/// <summary>
/// The simulated kubelet's script book. Each new pod takes the outcome of the most recently added matching rule
/// (else the <see cref="KubeletMode"/> default). Manual methods drive a pod directly (any mode).
/// </summary>
public sealed class PodScripts
{
    private readonly List<(PodMatch Match, PodOutcome Outcome)> _rules = [];
    private readonly Lock _gate = new();
    internal Kubelet? Kubelet { get; set; }

    /// <summary>Pods matching <paramref name="match"/> created from now on get <paramref name="outcome"/>.</summary>
    public void Script(PodMatch match, PodOutcome outcome)
    {
        lock (_gate) _rules.Add((match, outcome));
    }

    /// <summary>Removes all rules.</summary>
    public void Clear()
    {
        lock (_gate) _rules.Clear();
    }

    /// <summary>Manually moves a pod to Running (container started, Ready unless <paramref name="ready"/> is false).</summary>
    public void Start(string @namespace, string name, bool ready = true) => RequireKubelet().ManualStart(@namespace, name, ready);

    /// <summary>Manually terminates a pod's container with an exit code (0 → Succeeded, else Failed for batch pods).</summary>
    public void Terminate(string @namespace, string name, int exitCode = 0, string? reason = null, string? message = null) =>
        RequireKubelet().ManualTerminate(@namespace, name, exitCode, reason, message);

    /// <summary>Sets the container's waiting reason (e.g. <c>ImagePullBackOff</c>, <c>CreateContainerConfigError</c>).</summary>
    public void Wait(string @namespace, string name, string reason, string? message = null) => RequireKubelet().ManualWait(@namespace, name, reason, message);

    /// <summary>Appends text (one or more lines) to a container's log; <paramref name="container"/> null = first container.</summary>
    public void AppendLog(string @namespace, string name, string text, string? container = null) =>
        RequireKubelet().AppendLog(@namespace, name, container, text);

    /// <summary>The full current log of a pod's container (null container = first).</summary>
    public string GetLog(string @namespace, string name, string? container = null) => RequireKubelet().GetLog(@namespace, name, container);

    internal PodOutcome? Find(JsonObject pod)
    {
        lock (_gate)
        {
            for (var i = _rules.Count - 1; i >= 0; i--)
                if (_rules[i].Match.Matches(pod)) return _rules[i].Outcome;
        }
        return null;
    }

    private Kubelet RequireKubelet() => Kubelet ?? throw new InvalidOperationException("The server is not running.");
}

/// <summary>Which pods a rule applies to.</summary>
public sealed class PodMatch
{
    private readonly Func<JsonObject, bool> _predicate;
    private readonly string _description;

    private PodMatch(Func<JsonObject, bool> predicate, string description)
    {
        _predicate = predicate;
        _description = description;
    }

    /// <summary>Every pod.</summary>
    public static PodMatch Any { get; } = new(_ => true, "any pod");

    /// <summary>Pods carrying label <paramref name="key"/>=<paramref name="value"/> (e.g. <c>job-name</c>, <c>app</c>).</summary>
    public static PodMatch Label(string key, string value) =>
        new(p => p["metadata"]?["labels"]?[key]?.GetValue<string>() == value, $"label {key}={value}");

    /// <summary>Pods whose name starts with <paramref name="prefix"/>.</summary>
    public static PodMatch NamePrefix(string prefix) =>
        new(p => (p["metadata"]?["name"]?.GetValue<string>() ?? "").StartsWith(prefix, StringComparison.Ordinal), $"name prefix {prefix}");

    /// <summary>Pods in namespace <paramref name="namespace"/>.</summary>
    public static PodMatch Namespace(string @namespace) =>
        new(p => p["metadata"]?["namespace"]?.GetValue<string>() == @namespace, $"namespace {@namespace}");

    internal bool Matches(JsonObject pod) => _predicate(pod);

    /// <inheritdoc />
    public override string ToString() => _description;
}

/// <summary>What the simulated kubelet does with a pod. Timings count from container start.</summary>
public sealed class PodOutcome
{
    internal PodOutcomeKind Kind { get; private init; }
    internal TimeSpan After { get; private init; }
    internal int ExitCode { get; private init; }
    internal int FailCount { get; private init; }
    internal string? Reason { get; private init; }
    internal string? Message { get; private init; }
    internal string? Log { get; private init; }
    internal bool Ready { get; private init; } = true;
    private int _used;

    /// <summary>Counts pods that took this outcome; returns the 1-based attempt number (FailTimes uses it).</summary>
    internal int NextAttempt() => Interlocked.Increment(ref _used);

    /// <summary>Exit 0 after <paramref name="after"/> (default: the server's PodRunTime), printing <paramref name="log"/>. Long-running (Deployment) pods instead stay Running and Ready.</summary>
    public static PodOutcome Succeed(TimeSpan? after = null, string? log = null) =>
        new() { Kind = PodOutcomeKind.Succeed, After = after ?? TimeSpan.MinValue, Log = log };

    /// <summary>Run for <paramref name="duration"/>, then exit 0 (an alias of <see cref="Succeed"/> with a duration).</summary>
    public static PodOutcome Take(TimeSpan duration, string? log = null) => Succeed(duration, log);

    /// <summary>The first <paramref name="times"/> matching pods exit with <paramref name="exitCode"/>; later ones succeed.</summary>
    public static PodOutcome FailTimes(int times, int exitCode = 1, string? message = null, string? log = null) =>
        new() { Kind = PodOutcomeKind.FailTimes, FailCount = times, ExitCode = exitCode, Reason = "Error", Message = message, Log = log };

    /// <summary>Every matching pod exits with <paramref name="exitCode"/> (reason <c>Error</c>, or e.g. <c>OOMKilled</c>).</summary>
    public static PodOutcome AlwaysFail(int exitCode = 1, string? message = null, string? log = null, string reason = "Error") =>
        new() { Kind = PodOutcomeKind.AlwaysFail, ExitCode = exitCode, Reason = reason, Message = message, Log = log };

    /// <summary>Runs forever but never becomes Ready.</summary>
    public static PodOutcome NeverReady(string? log = null) => new() { Kind = PodOutcomeKind.RunForever, Ready = false, Log = log };

    /// <summary>Runs forever and Ready.</summary>
    public static PodOutcome RunForever(string? log = null) => new() { Kind = PodOutcomeKind.RunForever, Log = log };

    /// <summary>Starts (Ready), then after <paramref name="after"/> the container exits with <paramref name="exitCode"/>; long-running pods go to CrashLoopBackOff.</summary>
    public static PodOutcome CrashAfterStart(TimeSpan after, int exitCode = 1, string? log = null) =>
        new() { Kind = PodOutcomeKind.Crash, After = after, ExitCode = exitCode, Reason = "Error", Log = log };

    /// <summary>The container never starts: waiting with <paramref name="reason"/> (e.g. <c>ImagePullBackOff</c>).</summary>
    public static PodOutcome StuckWaiting(string reason = "ImagePullBackOff", string? message = null) =>
        new() { Kind = PodOutcomeKind.Waiting, Reason = reason, Message = message };

    /// <summary>Stays Pending until driven manually through <see cref="PodScripts"/>.</summary>
    public static PodOutcome Manual() => new() { Kind = PodOutcomeKind.Manual };

    /// <summary>Runs the first container's command as a local process (see <see cref="KubeletMode.Process"/>).</summary>
    public static PodOutcome Process() => new() { Kind = PodOutcomeKind.Process };
}

internal enum PodOutcomeKind { Succeed, FailTimes, AlwaysFail, RunForever, Crash, Waiting, Manual, Process }
