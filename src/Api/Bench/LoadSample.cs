namespace Cbvr.Api.Bench;

/// <summary>One request: when it started and how long it took (stopwatch ticks of the run's clock), which query, and whether it succeeded.</summary>
public readonly record struct LoadSample(long StartTicks, long ElapsedTicks, int Query, bool Ok);

/// <summary>One client's samples: a pre-sized array that only its own loop writes (no locks), doubled in the rare case it fills.</summary>
public sealed class SampleBuffer(int capacity)
{
    private LoadSample[] _items = new LoadSample[Math.Max(16, capacity)];

    public int Count { get; private set; }

    public ReadOnlySpan<LoadSample> Items => _items.AsSpan(0, Count);

    public void Add(in LoadSample sample)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = sample;
    }
}
