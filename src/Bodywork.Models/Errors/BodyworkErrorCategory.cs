namespace Bodywork.Models.Errors;

/// <summary>
/// Mirrors System.Management.Automation.ErrorCategory by name (a surface test checks it), so the
/// engine can classify errors without referencing PowerShell.
/// </summary>
public enum BodyworkErrorCategory
{
    NotSpecified,
    ConnectionError,
    InvalidArgument,
    InvalidData,
    InvalidOperation,
    InvalidResult,
    ObjectNotFound,
    OperationStopped,
    OperationTimeout,
    PermissionDenied,
    ResourceExists,
    ResourceUnavailable,
    AuthenticationError,
    LimitsExceeded,
    NotInstalled,
    SyntaxError,
}
