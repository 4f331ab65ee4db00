using System.Management.Automation;
using Bodywork.Models.Errors;

namespace Bodywork.Commands.Infrastructure;

/// <summary>The one place where an engine error becomes a PowerShell ErrorRecord.</summary>
internal static class BodyworkErrorRecord
{
    public static ErrorRecord Create(BodyworkException exception, object? fallbackTarget)
    {
        var record = new ErrorRecord(exception, exception.ErrorId, ToErrorCategory(exception.Category),
            exception.Target ?? fallbackTarget);
        if (exception.RecommendedAction is not null)
        {
            record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = exception.RecommendedAction };
        }

        return record;
    }

    /// <summary>The names are identical by design (a surface test checks it); the fallback is defensive.</summary>
    public static ErrorCategory ToErrorCategory(BodyworkErrorCategory category) =>
        Enum.TryParse<ErrorCategory>(category.ToString(), ignoreCase: false, out var mapped) ? mapped : ErrorCategory.NotSpecified;
}
