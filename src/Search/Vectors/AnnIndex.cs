using System.Buffers;

namespace Cbvr.Search.Vectors;

/// <summary>
/// Approximate cosine nearest neighbours for large collections: a USearch HNSW graph over the same keys as a
/// <see cref="VectorIndex"/>. Concurrent searches; writes are serialised and exclude searches while they run.
/// </summary>
public sealed unsafe partial class AnnIndex : IDisposable
{
    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);
    private readonly UsearchHandle handle;

    // USearch keeps a fixed pool of per-thread search contexts and fails a call when none is free, so concurrent
    // native calls are capped at the pool size (writes hold the gate exclusively and need one context).
    private readonly SemaphoreSlim contexts;

    private AnnIndex(UsearchHandle handle, int dimensions, AnnOptions options)
    {
        this.handle = handle;
        Dimensions = dimensions;
        Options = options;
        contexts = new SemaphoreSlim(ContextCount);
        nint error = 0;
        UsearchNative.ChangeExpansionSearch(Native, (nuint)options.ExpansionSearch, &error);
        UsearchNative.Check(error, "setting the search expansion");
        ApplyThreadLimits();
    }

    public int Dimensions { get; }

    public AnnOptions Options { get; }

    /// <summary>Vectors in the graph.</summary>
    public int Count => Read(() => (int)Call((ix, e) => UsearchNative.Size(ix, e), "size"));

    /// <summary>Memory used by the graph and its vectors.</summary>
    public long SizeBytes => Read(() => (long)Call((ix, e) => UsearchNative.MemoryUsage(ix, e), "memory usage"));

    private nint Native => handle.DangerousGetHandle();

    private int ContextCount => Math.Max(Environment.ProcessorCount, Options.EffectiveThreads);

    /// <summary>
    /// Builds a graph over every live row of <paramref name="source"/>, inserting on <see cref="AnnOptions.Threads"/>
    /// threads. Reads a consistent snapshot: writers to <paramref name="source"/> wait until the build ends (minutes at 1M rows).
    /// </summary>
    public static AnnIndex Build(VectorIndex source, AnnOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        options.Validate();
        var handle = UsearchHandle.Create(new UsearchNative.InitOptions
        {
            MetricKind = UsearchNative.MetricCosine,
            Quantization = (int)options.Quantization,
            Dimensions = (nuint)source.Dimensions,
            Connectivity = (nuint)options.Connectivity,
            ExpansionAdd = (nuint)options.ExpansionAdd,
            ExpansionSearch = (nuint)options.ExpansionSearch,
        });
        var index = new AnnIndex(handle, source.Dimensions, options);
        try
        {
            index.Reserve(source.Count);
            source.ForEachRow(options.EffectiveThreads, (key, row) =>
            {
                nint error = 0;
                fixed (float* vector = row)
                {
                    UsearchNative.Add(index.Native, (ulong)key, vector, UsearchNative.ScalarF32, &error);
                }
                UsearchNative.Check(error, "add");
            });
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>Adds or replaces the vector of <paramref name="key"/>.</summary>
    public void Upsert(int key, ReadOnlySpan<float> vector)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(key);
        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"expected a {Dimensions}-dimensional vector, got {vector.Length}", nameof(vector));
        }
        gate.EnterWriteLock();
        try
        {
            ObjectDisposedException.ThrowIf(handle.IsClosed, this);
            nint error = 0;
            if (UsearchNative.Contains(Native, (ulong)key, &error))
            {
                UsearchNative.Remove(Native, (ulong)key, &error);
                UsearchNative.Check(error, "remove");
            }
            var size = UsearchNative.Size(Native, &error);
            if (size + 1 > UsearchNative.Capacity(Native, &error))
            {
                Reserve((int)Math.Min(int.MaxValue, Math.Max(1024, size * 2)));
            }
            fixed (float* data = vector)
            {
                UsearchNative.Add(Native, (ulong)key, data, UsearchNative.ScalarF32, &error);
            }
            UsearchNative.Check(error, "add");
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>Removes <paramref name="key"/> if present.</summary>
    public void Remove(int key) => Write(() =>
    {
        nint error = 0;
        UsearchNative.Remove(Native, (ulong)key, &error);
        UsearchNative.Check(error, "remove");
    });

    /// <summary>About the <paramref name="k"/> most cosine-similar keys, best first; score = cosine similarity.</summary>
    public IReadOnlyList<(int Key, float Score)> Search(ReadOnlySpan<float> query, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"expected a {Dimensions}-dimensional query, got {query.Length}", nameof(query));
        }
        if (k == 0)
        {
            return [];
        }
        var keys = ArrayPool<ulong>.Shared.Rent(k);
        var distances = ArrayPool<float>.Shared.Rent(k);
        gate.EnterReadLock();
        contexts.Wait();
        try
        {
            ObjectDisposedException.ThrowIf(handle.IsClosed, this);
            nint error = 0;
            nuint found;
            fixed (float* q = query)
            fixed (ulong* keyPointer = keys)
            fixed (float* distancePointer = distances)
            {
                found = UsearchNative.Search(Native, q, UsearchNative.ScalarF32, (nuint)k, keyPointer, distancePointer, &error);
            }
            UsearchNative.Check(error, "search");
            var result = new (int Key, float Score)[(int)found];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = ((int)keys[i], 1f - distances[i]);
            }
            return result;
        }
        finally
        {
            contexts.Release();
            gate.ExitReadLock();
            ArrayPool<ulong>.Shared.Return(keys);
            ArrayPool<float>.Shared.Return(distances);
        }
    }

    public void Dispose()
    {
        gate.EnterWriteLock();
        try
        {
            handle.Dispose();
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    private void Reserve(int capacity)
    {
        nint error = 0;
        UsearchNative.Reserve(Native, (nuint)Math.Max(capacity, 1), &error);
        UsearchNative.Check(error, "reserve");
        ApplyThreadLimits(); // reserving resets them to the hardware's thread count
    }

    private void ApplyThreadLimits()
    {
        nint error = 0;
        UsearchNative.ChangeThreadsAdd(Native, (nuint)Options.EffectiveThreads, &error);
        UsearchNative.ChangeThreadsSearch(Native, (nuint)ContextCount, &error);
        UsearchNative.Check(error, "setting the thread limits");
    }

    private nuint Call(NativeQuery query, string what)
    {
        nint error = 0;
        var value = query(Native, &error);
        UsearchNative.Check(error, what);
        return value;
    }

    private T Read<T>(Func<T> read)
    {
        gate.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(handle.IsClosed, this);
            return read();
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    private void Write(Action write)
    {
        gate.EnterWriteLock();
        try
        {
            ObjectDisposedException.ThrowIf(handle.IsClosed, this);
            write();
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    private delegate nuint NativeQuery(nint index, nint* error);
}
