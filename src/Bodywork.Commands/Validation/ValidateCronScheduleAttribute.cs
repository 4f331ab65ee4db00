using System.Management.Automation;
using Bodywork.Engine.Management;

namespace Bodywork.Commands.Validation;

/// <summary>A five-field cron schedule or macro, checked by the engine's validator (which names the bad field).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateCronScheduleAttribute : ValidateArgumentsAttribute
{
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var text = arguments as string ?? arguments?.ToString();
        if (CronSchedule.Validate(text) is { } problem)
        {
            throw new ValidationMetadataException(
                $"'{text}' is not a valid cron schedule: {problem}. Example: '0 2 * * *' (02:00 daily), '*/15 * * * *', '@hourly'.");
        }
    }
}
