using System.Collections.Concurrent;

namespace LaunchPath.Api.Infrastructure.Data;

/// <summary>
/// A value per key, computed at most once per <paramref name="freshness"/> on this node: concurrent requests for a stale
/// or missing key wait for one computation rather than each running it (a region-wide read under load would otherwise
/// run once per waiting request). A failed computation is not kept.
/// </summary>
public sealed class FreshCache<TKey, TValue>(TimeSpan freshness, TimeProvider clock) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<Task<(DateTimeOffset At, TValue Value)>>> _entries = new();

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

            if (clock.GetUtcNow() - entry.At < freshness)
            {
                return entry.Value;
            }

            // Stale: the first request to notice computes it again; the others wait for that one computation.
            _entries.TryUpdate(key, Start(compute), current);
        }
    }

    private Lazy<Task<(DateTimeOffset At, TValue Value)>> Start(Func<Task<TValue>> compute) =>
        new(async () =>
        {
            var at = clock.GetUtcNow();
            return (at, await compute());
        });
}
