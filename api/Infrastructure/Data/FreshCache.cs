using System.Collections.Concurrent;

namespace LaunchPath.Api.Infrastructure.Data;

/// <summary>
/// A value per key, computed at most once per <paramref name="freshness"/> on this node: concurrent requests for a missing
/// key wait for one computation rather than each running it (a region-wide read under load would otherwise run once per
/// waiting request). A value gone stale is still served for one more <paramref name="freshness"/> while one request's
/// computation replaces it in the background, so nobody waits for the refresh (under load every request arriving during
/// a 300 ms region read had waited for it); older than that, requests wait for the new value. A failed computation is
/// not kept.
/// </summary>
public sealed class FreshCache<TKey, TValue>(TimeSpan freshness, TimeProvider clock) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<Task<(DateTimeOffset At, TValue Value)>>> _entries = new();

    /// <summary>The keys whose stale value is being recomputed in the background (one computation each).</summary>
    private readonly ConcurrentDictionary<TKey, byte> _refreshing = new();

    public async Task<TValue> GetAsync(TKey key, Func<Task<TValue>> compute, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = _entries.GetOrAdd(key, _ => Start(compute));
            (DateTimeOffset At, TValue Value) entry;
            try
            {
                entry = await current.Value.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _entries.TryRemove(new KeyValuePair<TKey, Lazy<Task<(DateTimeOffset, TValue)>>>(key, current));
                throw;
            }

            var age = clock.GetUtcNow() - entry.At;
            if (age < freshness)
            {
                return entry.Value;
            }

            if (age < 2 * freshness)
            {
                // Stale but recent: the first request to notice starts the new computation; until it is done, the old value.
                if (_refreshing.TryAdd(key, 0))
                {
                    _ = RefreshAsync(key, current, compute);
                }

                return entry.Value;
            }

            // Too old to serve: the first request to notice computes it again; the others wait for that one computation.
            _entries.TryUpdate(key, Start(compute), current);
        }
    }

    /// <summary>Drops the value of <paramref name="key"/>: the next request computes it again (a refresh under way is not kept).</summary>
    public void Forget(TKey key) => _entries.TryRemove(key, out _);

    private async Task RefreshAsync(TKey key, Lazy<Task<(DateTimeOffset At, TValue Value)>> current, Func<Task<TValue>> compute)
    {
        var next = Start(compute);
        try
        {
            await next.Value;
            _entries.TryUpdate(key, next, current);
        }
        catch
        {
            // The stale value stays until it is too old; then a request computes it again and sees the failure.
        }
        finally
        {
            _refreshing.TryRemove(key, out _);
        }
    }

    private Lazy<Task<(DateTimeOffset At, TValue Value)>> Start(Func<Task<TValue>> compute) =>
        new(async () =>
        {
            var at = clock.GetUtcNow();
            return (at, await compute());
        });
}
