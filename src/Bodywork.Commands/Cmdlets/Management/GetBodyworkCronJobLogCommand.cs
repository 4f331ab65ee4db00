using System.Management.Automation;
using System.Threading.Channels;
using Bodywork.Commands.Cmdlets.Management;
using Bodywork.Commands.Completion;
using Bodywork.Commands.Validation;
using Bodywork.Engine.Management;
using Bodywork.Models.Errors;

namespace Bodywork.Commands;

/// <summary>Get-BodyworkCronJobLog: the workflow controller's log of one run; -Follow streams a running one.</summary>
[Cmdlet(VerbsCommon.Get, "BodyworkCronJobLog")]
[OutputType(typeof(string))]
public sealed class GetBodyworkCronJobLogCommand : BodyworkNamespacedCmdlet
{
    /// <summary>A run's name (a piped run's Name binds here), or a cron job's name for its newest run.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateKubernetesName]
    [ArgumentCompleter(typeof(CronJobRunNameCompleter))]
    public string Name { get; set; } = "";

    /// <summary>Keep streaming new lines until the run's container exits (Ctrl+C stops).</summary>
    [Parameter]
    public SwitchParameter Follow { get; set; }

    /// <summary>One string with the whole log instead of one string per line.</summary>
    [Parameter]
    public SwitchParameter Raw { get; set; }

    protected override void ProcessRecord()
    {
        // Lines are written as they arrive, so the reading runs on a worker and this thread writes.
        var ns = TargetNamespace;
        var lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var reader = new CronJobLogReader(Api);
        var follow = Follow.IsPresent;
        Exception? failure = null;
        var work = Task.Run(async () =>
        {
            try
            {
                await foreach (var line in reader.ReadAsync(ns, Name, follow, cancellationToken: StoppingToken).ConfigureAwait(false))
                {
                    await lines.Writer.WriteAsync(line, StoppingToken).ConfigureAwait(false);
                }

            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                lines.Writer.Complete();
            }
        }, StoppingToken);

        var all = Raw.IsPresent ? new List<string>() : null;
        try
        {
            foreach (var line in lines.Reader.ReadAllAsync(StoppingToken).ToBlockingEnumerable(StoppingToken))
            {
                if (all is null)
                {
                    WriteObject(line);
                }
                else
                {
                    all.Add(line);
                }
            }

            work.Wait(TimeSpan.FromSeconds(5));
            if (failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            if (all is not null)
            {
                WriteObject(string.Join(Environment.NewLine, all));
            }
        }
        catch (OperationCanceledException) when (StoppingToken.IsCancellationRequested)
        {
            // Ctrl+C: PowerShell reports the stop.
        }
        catch (BodyworkException e) when (e.ErrorId is BodyworkErrorIds.ClusterUnreachable or BodyworkErrorIds.Unauthorized or BodyworkErrorIds.Forbidden)
        {
            ThrowBodyworkError(e, Name);
        }
        catch (BodyworkException e)
        {
            WriteBodyworkError(e, Name);
        }
    }
}
