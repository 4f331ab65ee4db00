namespace Bodywork.Models.Errors;

/// <summary>
/// The one exception type the engine raises for expected failures. The PowerShell layer turns it
/// into an ErrorRecord (id, category, target); the CLI prints its message and exits non-zero.
/// </summary>
public class BodyworkException : Exception
{
    public BodyworkException(string errorId, BodyworkErrorCategory category, string message,
        object? target = null, string? recommendedAction = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorId = errorId;
        Category = category;
        Target = target;
        RecommendedAction = recommendedAction;
    }

    public BodyworkException() : this(BodyworkErrorIds.ApiError, BodyworkErrorCategory.NotSpecified, "Bodywork error") { }

    public BodyworkException(string message) : this(BodyworkErrorIds.ApiError, BodyworkErrorCategory.NotSpecified, message) { }

    public BodyworkException(string message, Exception innerException)
        : this(BodyworkErrorIds.ApiError, BodyworkErrorCategory.NotSpecified, message, null, null, innerException) { }

    /// <summary>Stable id such as <c>BodyworkCronJobNotFound</c>.</summary>
    public string ErrorId { get; }

    public BodyworkErrorCategory Category { get; }

    /// <summary>The object the error is about (a name, or the input object).</summary>
    public object? Target { get; }

    public string? RecommendedAction { get; }
}
