namespace LaunchPath.Api.Tests.Infrastructure;

/// <summary>A clock the test moves forward, for rules about dates (approval expiry, link lifetime).</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset now) => _now = now;
}
