using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Tests.Infrastructure;

namespace LaunchPath.Api.Tests.Data;

/// <summary>A value computed once per freshness period; a stale one served while its replacement is computed, never one too old.</summary>
public sealed class FreshCacheTests
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);
    private readonly TestClock _clock = new();
    private int _computed;

    private Task<int> Compute() => Task.FromResult(Interlocked.Increment(ref _computed));

    [Fact]
    public async Task A_stale_value_is_served_at_once_while_one_computation_replaces_it()
    {
        var cache = new FreshCache<string, int>(Freshness, _clock);
        (await cache.GetAsync("region", Compute, default)).Should().Be(1);
        (await cache.GetAsync("region", Compute, default)).Should().Be(1, "fresh: not computed again");

        _clock.Advance(TimeSpan.FromSeconds(6));
        var slow = new TaskCompletionSource<int>();
        var computations = 0;
        Task<int> Slow()
        {
            Interlocked.Increment(ref computations);
            return slow.Task;
        }

        (await cache.GetAsync("region", Slow, default).WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(1, "stale but recent: served while the new value is computed");
        (await cache.GetAsync("region", Slow, default)).Should().Be(1);
        computations.Should().Be(1, "one computation, however many requests noticed");

        slow.SetResult(42);
        await WaitUntil(async () => await cache.GetAsync("region", Compute, default) == 42);
    }

    [Fact]
    public async Task A_value_older_than_twice_its_freshness_is_never_served()
    {
        var cache = new FreshCache<string, int>(Freshness, _clock);
        (await cache.GetAsync("region", Compute, default)).Should().Be(1);
        _clock.Advance(TimeSpan.FromSeconds(11));
        (await cache.GetAsync("region", Compute, default)).Should().Be(2, "too old: the request waits for the new value");
    }

    [Fact]
    public async Task A_failed_refresh_keeps_the_stale_value_until_it_is_too_old_and_then_fails_the_request()
    {
        var cache = new FreshCache<string, int>(Freshness, _clock);
        (await cache.GetAsync("region", Compute, default)).Should().Be(1);
        _clock.Advance(TimeSpan.FromSeconds(6));
        static Task<int> Broken() => Task.FromException<int>(new InvalidOperationException("database down"));
        (await cache.GetAsync("region", Broken, default)).Should().Be(1);
        await Task.Delay(50);
        (await cache.GetAsync("region", Compute, default)).Should().Be(1, "the stale value stays after a failed refresh, and the next request tries again");
        await WaitUntil(async () => await cache.GetAsync("region", Compute, default) == 2);

        var again = new FreshCache<string, int>(Freshness, _clock);
        (await again.GetAsync("region", Compute, default)).Should().BeGreaterThan(0);
        _clock.Advance(TimeSpan.FromSeconds(11));
        await FluentActions.Awaiting(() => again.GetAsync("region", Broken, default)).Should().ThrowAsync<InvalidOperationException>();
    }

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the new value replaces the stale one");
            await Task.Delay(10);
        }
    }
}
