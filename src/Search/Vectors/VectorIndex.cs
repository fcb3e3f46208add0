using System.Numerics.Tensors;

namespace Cbvr.Search.Vectors;

/// <summary>
/// Exact cosine search over embeddings, keyed by the caller's dense ordinals (video ordinals; gaps allowed). Rows are
/// stored L2-normalised as float32, so cosine similarity is a dot product and a query is one bandwidth-bound scan.
/// After <see cref="Open"/> the saved rows are memory-mapped; later writes go to an in-memory tail plus tombstones until
/// the next <see cref="Save"/>, which compacts everything into a new file and maps it. Many concurrent readers, one writer.
/// </summary>
public sealed partial class VectorIndex : IDisposable
{
    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);
    private readonly float[] scratch;
    private RowStore rows;
    private int[] keyOfSlot; // -1 marks a dead slot
    private Dictionary<int, int> slotOfKey;
    private Stack<int> freeSlots = new(); // dead tail slots, reused before growing
    private bool disposed;

    /// <summary>An empty in-memory index of <paramref name="dimensions"/>-dimensional vectors.</summary>
    public VectorIndex(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, VectorFile.MaxDimensions);
        Dimensions = dimensions;
        scratch = new float[dimensions];
        rows = new RowStore(dimensions, null);
        keyOfSlot = [];
        slotOfKey = [];
    }

    public int Dimensions { get; }

    /// <summary>Live rows.</summary>
    public int Count => Read(() => slotOfKey.Count);

    /// <summary>Bytes of row storage (mapped and in memory, including rows dead since the last save) plus their keys.</summary>
    public long SizeBytes => Read(() => rows.Bytes + (long)rows.Slots * sizeof(int));

    /// <summary>Opens a saved index with its rows memory-mapped; <paramref name="sequence"/> is what was given to <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The file is truncated or corrupt (the message names it).</exception>
    public static VectorIndex Open(string path, out long sequence)
    {
        var file = VectorFile.Open(path);
        try
        {
            var index = new VectorIndex(file.Dimensions);
            index.Adopt(file);
            sequence = file.Sequence;
            return index;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Adds or replaces the vector of <paramref name="key"/> (stored L2-normalised).</summary>
    public void Upsert(int key, ReadOnlySpan<float> vector)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(key);
        EnterWrite();
        try
        {
            Normalise(vector, scratch);
            var exists = slotOfKey.TryGetValue(key, out var slot);
            if (exists && !rows.IsMapped(slot))
            {
                rows.Overwrite(slot, scratch);
                return;
            }
            if (exists)
            {
                keyOfSlot[slot] = -1; // a mapped row is read-only: tombstone it, the new row goes to the tail
            }
            if (freeSlots.TryPop(out var free))
            {
                rows.Overwrite(free, scratch);
                slot = free;
            }
            else
            {
                slot = rows.Append(scratch);
                if (slot >= keyOfSlot.Length)
                {
                    Array.Resize(ref keyOfSlot, Math.Max(1024, keyOfSlot.Length * 2));
                }
            }
            keyOfSlot[slot] = key;
            slotOfKey[key] = slot;
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>Removes <paramref name="key"/> if present.</summary>
    public void Remove(int key)
    {
        EnterWrite();
        try
        {
            if (slotOfKey.Remove(key, out var slot))
            {
                keyOfSlot[slot] = -1;
                if (!rows.IsMapped(slot))
                {
                    freeSlots.Push(slot);
                }
            }
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>Copies the stored (normalised) vector of <paramref name="key"/>; false when absent.</summary>
    public bool TryGet(int key, Span<float> vector)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vector.Length, Dimensions, nameof(vector));
        EnterRead();
        try
        {
            if (!slotOfKey.TryGetValue(key, out var slot))
            {
                return false;
            }
            rows.Row(slot).CopyTo(vector);
            return true;
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>
    /// Writes the live rows to <paramref name="path"/> atomically (temporary file, flush, rename) with the caller's
    /// <paramref name="sequence"/> (e.g. the last applied change), then maps the new file and drops the in-memory tail.
    /// Searches continue while the file is written.
    /// </summary>
    public void Save(string path, long sequence)
    {
        gate.EnterUpgradeableReadLock();
        ThrowIfDisposed(gate.ExitUpgradeableReadLock);
        try
        {
            var live = new int[slotOfKey.Count];
            var n = 0;
            for (var slot = 0; slot < rows.Slots; slot++)
            {
                if (keyOfSlot[slot] >= 0)
                {
                    live[n++] = slot;
                }
            }
            var keys = Array.ConvertAll(live, slot => keyOfSlot[slot]);
            VectorFile.Write(path, Dimensions, sequence, live.Length, i => rows.Row(live[i]), keys);
            var file = VectorFile.Open(path);
            gate.EnterWriteLock();
            try
            {
                var old = rows;
                Adopt(file);
                old.Dispose();
            }
            finally
            {
                gate.ExitWriteLock();
            }
        }
        finally
        {
            gate.ExitUpgradeableReadLock();
        }
    }

    public void Dispose()
    {
        gate.EnterWriteLock();
        try
        {
            disposed = true;
            rows.Dispose();
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>Takes the read lock; throws (without holding it) once the index is disposed.</summary>
    private void EnterRead()
    {
        gate.EnterReadLock();
        ThrowIfDisposed(gate.ExitReadLock);
    }

    /// <summary>Takes the write lock; throws (without holding it) once the index is disposed.</summary>
    private void EnterWrite()
    {
        gate.EnterWriteLock();
        ThrowIfDisposed(gate.ExitWriteLock);
    }

    private void ThrowIfDisposed(Action release)
    {
        if (disposed)
        {
            release();
            throw new ObjectDisposedException(nameof(VectorIndex));
        }
    }

    private void Adopt(VectorFile file)
    {
        var keys = file.Keys;
        var map = new Dictionary<int, int>(keys.Length);
        for (var slot = 0; slot < keys.Length; slot++)
        {
            if (keys[slot] < 0 || !map.TryAdd(keys[slot], slot))
            {
                throw VectorFile.Corrupt(file.Path, $"row {slot} has an invalid or repeated key {keys[slot]}");
            }
        }
        rows = new RowStore(Dimensions, file);
        keyOfSlot = keys.ToArray();
        slotOfKey = map;
        freeSlots = new Stack<int>();
    }

    private void Normalise(ReadOnlySpan<float> vector, Span<float> destination)
    {
        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"expected a {Dimensions}-dimensional vector, got {vector.Length}", nameof(vector));
        }
        var norm = TensorPrimitives.Norm(vector);
        if (!float.IsFinite(norm) || norm == 0)
        {
            throw new ArgumentException($"a vector with norm {norm} cannot be normalised", nameof(vector));
        }
        TensorPrimitives.Divide(vector, norm, destination);
    }

    private T Read<T>(Func<T> read)
    {
        EnterRead();
        try
        {
            return read();
        }
        finally
        {
            gate.ExitReadLock();
        }
    }
}
