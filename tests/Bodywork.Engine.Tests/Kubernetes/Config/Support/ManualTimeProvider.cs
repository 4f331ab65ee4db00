namespace Bodywork.Engine.Tests.Kubernetes.Config.Support;

/// <summary>A clock the test moves by hand, so expiry rules are tested without sleeping.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
