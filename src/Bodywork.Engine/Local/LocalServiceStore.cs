using System.Text.Json;
using Bodywork.Engine.Processes;
using Bodywork.Models.Local;

namespace Bodywork.Engine.Local;

/// <summary>
/// The services that local workflow runs left running, recorded in a per-user state folder so that any
/// later session (PowerShell or CLI) can list and stop them. Thread-safe for use from one process;
/// several processes may use the same folder (each service is one file, replaced atomically).
/// <para>State folder: <c>$BODYWORK_STATE_DIR</c> when set, else <c>%LOCALAPPDATA%\bodywork</c> on Windows,
/// <c>$XDG_STATE_HOME/bodywork</c> or <c>~/.local/state/bodywork</c> elsewhere. It holds
/// <c>services/&lt;project&gt;--&lt;stage&gt;.json</c>, <c>logs/&lt;project&gt;--&lt;stage&gt;.log</c> (the
/// service's stdout and stderr), <c>workspaces/&lt;run&gt;</c> (the copy of the project a service runs
/// from) and <c>venvs/&lt;project&gt;</c>.</para>
/// </summary>
public sealed class LocalServiceStore
{
    /// <summary>Environment variable that overrides the state folder (tests, CI).</summary>
    public const string StateDirectoryVariable = "BODYWORK_STATE_DIR";

    /// <summary>How long a service gets to exit after SIGTERM before it is killed.</summary>
    public static readonly TimeSpan DefaultStopGrace = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();

    /// <param name="stateDirectory">Null: <see cref="DefaultStateDirectory"/>.</param>
    public LocalServiceStore(string? stateDirectory = null) =>
        StateDirectory = Path.GetFullPath(stateDirectory ?? DefaultStateDirectory());

    /// <summary>The root of the local state.</summary>
    public string StateDirectory { get; }

    internal string ServicesDirectory => Path.Combine(StateDirectory, "services");
    internal string LogsDirectory => Path.Combine(StateDirectory, "logs");
    internal string WorkspacesDirectory => Path.Combine(StateDirectory, "workspaces");
    internal string VirtualEnvironmentsDirectory => Path.Combine(StateDirectory, "venvs");

    /// <summary>The per-user state folder (see the class summary); honours <see cref="StateDirectoryVariable"/>.</summary>
    public static string DefaultStateDirectory()
    {
        var overridden = Environment.GetEnvironmentVariable(StateDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return overridden;
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "bodywork");
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        return Path.Combine(string.IsNullOrWhiteSpace(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state")
            : xdg, "bodywork");
    }

    /// <summary>
    /// Recorded services, optionally only those of <paramref name="project"/> and/or <paramref name="stage"/>
    /// (exact, case-sensitive names), sorted by name. Each is checked: Running when its process is alive
    /// and is the one started, else Exited. Listing changes nothing.
    /// </summary>
    public IReadOnlyList<LocalService> List(string? project = null, string? stage = null) =>
        ReadRecords()
            .Where(r => (project is null || r.Project == project) && (stage is null || r.Stage == stage))
            .Select(ToService)
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>The service named <c>&lt;project&gt;--&lt;stage&gt;</c>, or null.</summary>
    public LocalService? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return List().FirstOrDefault(s => s.Name == name);
    }

    /// <summary>
    /// Stops the matching services (all of them when both filters are null): SIGTERM to the service's process
    /// group, SIGKILL after <paramref name="grace"/> (default <see cref="DefaultStopGrace"/>), then removes the
    /// record (the log file stays) and the run's project copy once no other service uses it.
    /// Services whose process already exited just lose their record.
    /// </summary>
    /// <returns>The services stopped or removed, as they were listed before stopping.</returns>
    public async Task<IReadOnlyList<LocalService>> StopAsync(string? project = null, string? stage = null,
        TimeSpan? grace = null, CancellationToken cancellationToken = default)
    {
        var matching = ReadRecords()
            .Where(r => (project is null || r.Project == project) && (stage is null || r.Stage == stage))
            .ToList();
        return await StopRecordsAsync(matching, grace ?? DefaultStopGrace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Synchronous <see cref="StopAsync"/> for callers without async (it waits at most the grace period per service).</summary>
    public IReadOnlyList<LocalService> Stop(string? project = null, string? stage = null, TimeSpan? grace = null) =>
        StopAsync(project, stage, grace).GetAwaiter().GetResult();

    /// <summary>Stops the service named <c>&lt;project&gt;--&lt;stage&gt;</c> (as <see cref="StopAsync"/>); null when no such service is recorded.</summary>
    public async Task<LocalService?> StopByNameAsync(string name, TimeSpan? grace = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var matching = ReadRecords().Where(r => $"{r.Project}--{r.Stage}" == name).ToList();
        var stopped = await StopRecordsAsync(matching, grace ?? DefaultStopGrace, cancellationToken).ConfigureAwait(false);
        return stopped.Count > 0 ? stopped[0] : null;
    }

    /// <summary>The log file a service of this stage writes to.</summary>
    internal string LogFileFor(string project, string stage) => Path.Combine(LogsDirectory, $"{project}--{stage}.log");

    internal LocalServiceRecord? Get(string project, string stage) =>
        ReadRecords().FirstOrDefault(r => r.Project == project && r.Stage == stage);

    internal void Save(LocalServiceRecord record)
    {
        lock (_gate)
        {
            Directory.CreateDirectory(ServicesDirectory);
            var path = RecordPath(record.Project, record.Stage);
            var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(record, LocalStateJsonContext.Default.LocalServiceRecord));
            File.Move(temp, path, overwrite: true);
        }
    }

    internal void Delete(LocalServiceRecord record)
    {
        lock (_gate)
        {
            TryDeleteFile(RecordPath(record.Project, record.Stage));
        }
    }

    /// <summary>True when a recorded service still runs from <paramref name="workspace"/>.</summary>
    internal bool IsWorkspaceInUse(string workspace) =>
        ReadRecords().Any(r => PathsEqual(r.Workspace, workspace) && IsAlive(r));

    internal static bool IsAlive(LocalServiceRecord record)
    {
        using var process = ProcessTree.TryOpen(record.ProcessId, record.ProcessStartTime);
        return process is not null;
    }

    internal static LocalService ToService(LocalServiceRecord r) => new()
    {
        Project = r.Project,
        Stage = r.Stage,
        ProcessId = r.ProcessId,
        Port = r.Port,
        Url = r.Url,
        StartTime = r.StartTime,
        LogFile = r.LogFile,
        WorkingDirectory = r.WorkingDirectory,
        Source = r.Source,
        Branch = r.Branch,
        Commit = r.Commit,
        Status = IsAlive(r) ? LocalServiceStatus.Running : LocalServiceStatus.Exited,
    };

    /// <param name="keepWorkspace">A workspace not to delete (the running workflow's own).</param>
    internal async Task<IReadOnlyList<LocalService>> StopRecordsAsync(IReadOnlyList<LocalServiceRecord> records, TimeSpan grace,
        CancellationToken cancellationToken, string? keepWorkspace = null)
    {
        var before = records.Select(ToService).ToList();
        await Task.WhenAll(records.Select(r => ProcessTree.StopAsync(r.ProcessId, r.ProcessStartTime, grace, cancellationToken))).ConfigureAwait(false);
        foreach (var record in records)
        {
            Delete(record);
        }

        foreach (var workspace in records.Select(r => r.Workspace)
                     .Where(w => w.Length > 0 && !PathsEqual(w, keepWorkspace ?? "")).Distinct(StringComparer.Ordinal))
        {
            DeleteWorkspaceIfUnused(workspace);
        }

        return before;
    }

    /// <summary>Deletes a run's project copy unless a recorded, running service still uses it.</summary>
    internal void DeleteWorkspaceIfUnused(string workspace)
    {
        var full = Path.GetFullPath(workspace);
        // Only ever delete inside our own workspaces folder.
        if (!full.StartsWith(Path.GetFullPath(WorkspacesDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || IsWorkspaceInUse(full))
        {
            return;
        }

        try
        {
            Directory.Delete(full, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file still open (Windows); it goes with the next clean-up.
        }
    }

    private List<LocalServiceRecord> ReadRecords()
    {
        if (!Directory.Exists(ServicesDirectory))
        {
            return [];
        }

        var records = new List<LocalServiceRecord>();
        foreach (var file in Directory.EnumerateFiles(ServicesDirectory, "*.json"))
        {
            try
            {
                if (JsonSerializer.Deserialize(File.ReadAllText(file), LocalStateJsonContext.Default.LocalServiceRecord) is { } record
                    && record.Project.Length > 0)
                {
                    records.Add(record);
                }
            }
            catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
            {
                // Half-written by another process, or hand-edited: skip it rather than fail the listing.
            }
        }

        return records;
    }

    private string RecordPath(string project, string stage) => Path.Combine(ServicesDirectory, $"{project}--{stage}.json");

    private static bool PathsEqual(string a, string b) =>
        a.Length > 0 && b.Length > 0 && string.Equals(Path.GetFullPath(a), Path.GetFullPath(b),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Gone already or locked; a stale record shows as Exited and can be removed again.
        }
    }
}
