using Xunit;

namespace Bodywork.Engine.Tests.Support;

/// <summary>A test that needs Unix (process groups, shell or Python scripts as executables); skipped on Windows.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "needs Unix";
        }
    }
}
