namespace Bodywork.Models.Local;

/// <summary>Whether a recorded local service process is still alive.</summary>
public enum LocalServiceStatus
{
    Running,
    /// <summary>The process ended (crashed, killed, machine restarted); the record stays until removed.</summary>
    Exited,
}
