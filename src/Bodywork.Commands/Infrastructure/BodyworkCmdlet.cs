using System.Diagnostics.CodeAnalysis;
using System.Management.Automation;
using Bodywork.Models.Errors;
using Bodywork.Models.Operations;

namespace Bodywork.Commands.Infrastructure;

/// <summary>
/// Base of every Bodywork cmdlet. Runs engine work on a worker thread while pumping its callbacks
/// (streams, progress, ShouldProcess) on the pipeline thread, cancels it on Ctrl+C, and turns
/// <see cref="BodyworkException"/> into ErrorRecords with stable ids.
/// </summary>
public abstract class BodyworkCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ProgressThrottle _progress = new();
    private bool _disposed;

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken StoppingToken => _stopping.Token;

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>
    /// Runs <paramref name="work"/> on a worker thread and pumps its callbacks here until it ends.
    /// Exceptions of the work (a <see cref="BodyworkException"/>, an <see cref="OperationCanceledException"/>)
    /// are rethrown unchanged; use <see cref="RunAndWrite{T}"/> for the usual error handling.
    /// </summary>
    protected T InvokeEngine<T>(Func<IOperationContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        using var queue = new PipelineCallbackQueue(run.Token);
        var context = new QueuedOperationContext(queue, this, run.Token);
        var task = Task.Run(() => work(context), run.Token);
        try
        {
            queue.PumpUntil(task);
        }
        finally
        {
            if (!task.IsCompleted)
            {
                // The pump ended early (Ctrl+C, a throwing Write*): release a worker waiting for a reply.
                run.Cancel();
            }
        }

        return task.GetAwaiter().GetResult();
    }

    /// <summary>Synchronous engine calls still run off the pipeline thread, so Ctrl+C stays responsive.</summary>
    protected T InvokeEngine<T>(Func<IOperationContext, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return InvokeEngine(ctx => Task.FromResult(work(ctx)));
    }

    /// <summary>
    /// Runs <paramref name="work"/>, writes its result when <paramref name="write"/> (collections are
    /// enumerated), and maps failures: a <see cref="BodyworkException"/> becomes a non-terminating error
    /// (or a terminating one when <paramref name="terminating"/>), cancellation after Ctrl+C writes nothing.
    /// </summary>
    /// <returns>True when the work completed.</returns>
    protected bool RunAndWrite<T>(Func<IOperationContext, Task<T>> work, bool write = true, object? target = null,
        bool terminating = false)
    {
        try
        {
            var result = InvokeEngine(work);
            if (write && result is not null)
            {
                WriteObject(result, enumerateCollection: true);
            }

            return true;
        }
        catch (BodyworkException ex) when (!terminating)
        {
            WriteBodyworkError(ex, target);
        }
        catch (BodyworkException ex)
        {
            ThrowBodyworkError(ex, target);
        }
        catch (OperationCanceledException) when (Stopping || _stopping.IsCancellationRequested)
        {
            // Ctrl+C: PowerShell reports the stop itself; an error record here would be noise.
        }
        catch (OperationCanceledException ex)
        {
            var record = new ErrorRecord(ex, BodyworkErrorIds.OperationCanceled, ErrorCategory.OperationStopped, target);
            if (terminating)
            {
                ThrowTerminatingError(record);
            }

            WriteError(record);
        }
        finally
        {
            CompleteOpenProgress();
        }

        return false;
    }

    /// <summary>Writes a non-terminating error: processing continues with the next record.</summary>
    protected void WriteBodyworkError(BodyworkException exception, object? target = null) =>
        WriteError(BodyworkErrorRecord.Create(exception, target));

    /// <summary>Stops the whole command: for failures that doom every remaining record.</summary>
    [DoesNotReturn]
    protected void ThrowBodyworkError(BodyworkException exception, object? target = null)
    {
        ThrowTerminatingError(BodyworkErrorRecord.Create(exception, target));
        throw new InvalidOperationException("ThrowTerminatingError returned"); // unreachable in a real host
    }

    /// <summary>
    /// Resolves a PowerShell path (relative to $PWD, PSDrives, ~) to a file-system path; it need not exist.
    /// Fails with InvalidArgument for paths of other providers (Env:, HKLM:).
    /// </summary>
    protected string ResolveFileSystemPath(string path)
    {
        var resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
        if (provider is null || !string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
        {
            ThrowBodyworkError(new BodyworkException(BodyworkErrorIds.InvalidArgument, BodyworkErrorCategory.InvalidArgument,
                $"The path '{path}' is not a file-system path (provider '{provider?.Name}').", path,
                "Pass a folder or file on disk, such as '.' or './my-project'."));
        }

        return resolved;
    }

    /// <summary>Shows a progress update on the pipeline thread, throttled to about four a second per activity.</summary>
    internal void WriteProgressUpdate(ProgressUpdate update)
    {
        if (_progress.ShouldShow(update))
        {
            WriteProgress(ToProgressRecord(update));
        }
    }

    /// <summary>Completes every activity still shown; called in finally so no bar is left behind.</summary>
    protected void CompleteOpenProgress()
    {
        foreach (var completion in _progress.TakeOpenActivities())
        {
            WriteProgress(ToProgressRecord(completion));
        }
    }

    private static ProgressRecord ToProgressRecord(ProgressUpdate update)
    {
        // ProgressRecord rejects empty activity or status text.
        var activity = string.IsNullOrWhiteSpace(update.Activity) ? "Bodywork" : update.Activity;
        var status = string.IsNullOrWhiteSpace(update.Status) ? "Working" : update.Status;
        return new ProgressRecord(update.ActivityId, activity, status)
        {
            PercentComplete = Math.Clamp(update.PercentComplete, -1, 100),
            ParentActivityId = update.ParentActivityId,
            CurrentOperation = update.CurrentOperation,
            RecordType = update.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        };
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            _stopping.Dispose();
        }

        _disposed = true;
    }
}
