namespace Cbvr.Search.Vectors;

/// <summary>
/// Where the rows of a <see cref="VectorIndex"/> live: a read-only memory-mapped base (the last saved file) followed by
/// a tail of pinned in-memory blocks for rows written since. Slots number the rows across both; a slot's row never
/// moves until the store is replaced. The store is split into blocks of <see cref="BlockRows"/> rows (about 1 MiB),
/// the unit of parallel scans; a tail chunk is exactly one block.
/// </summary>
internal sealed unsafe class RowStore : IDisposable
{
    private const int BlockBytes = 1 << 20;
    private readonly List<float[]> chunks = [];
    private readonly VectorFile? file;
    private readonly int baseRows;
    private readonly int baseBlocks;

    public RowStore(int dimensions, VectorFile? file)
    {
        Dimensions = dimensions;
        BlockRows = Math.Max(16, BlockBytes / (dimensions * sizeof(float)));
        this.file = file;
        baseRows = file?.Count ?? 0;
        baseBlocks = (baseRows + BlockRows - 1) / BlockRows;
        Slots = baseRows;
    }

    public int Dimensions { get; }

    public int BlockRows { get; }

    /// <summary>Rows held (live or dead).</summary>
    public int Slots { get; private set; }

    public int BlockCount => baseBlocks + chunks.Count;

    /// <summary>Bytes of row storage, mapped and in memory.</summary>
    public long Bytes => (long)Slots * Dimensions * sizeof(float);

    public bool IsMapped(int slot) => slot < baseRows;

    public ReadOnlySpan<float> Row(int slot) => new(RowPointer(slot), Dimensions);

    /// <summary>The first row of block <paramref name="block"/>, its first slot and its row count.</summary>
    public float* Block(int block, out int firstSlot, out int rows)
    {
        if (block < baseBlocks)
        {
            firstSlot = block * BlockRows;
            rows = Math.Min(BlockRows, baseRows - firstSlot);
            return file!.Rows + (long)firstSlot * Dimensions;
        }
        var chunk = block - baseBlocks;
        firstSlot = baseRows + chunk * BlockRows;
        rows = Math.Min(BlockRows, Slots - firstSlot);
        return ChunkPointer(chunk);
    }

    /// <summary>Adds a row at the end of the tail and returns its slot.</summary>
    public int Append(ReadOnlySpan<float> row)
    {
        var slot = Slots;
        if (slot == int.MaxValue)
        {
            throw new InvalidOperationException("the vector index is full");
        }
        if ((slot - baseRows) % BlockRows == 0)
        {
            chunks.Add(GC.AllocateUninitializedArray<float>(BlockRows * Dimensions, pinned: true));
        }
        Slots = slot + 1;
        Overwrite(slot, row);
        return slot;
    }

    /// <summary>Replaces the row of a tail slot (mapped rows are read-only).</summary>
    public void Overwrite(int slot, ReadOnlySpan<float> row)
    {
        var offset = slot - baseRows;
        row.CopyTo(chunks[offset / BlockRows].AsSpan(offset % BlockRows * Dimensions, Dimensions));
    }

    public void Dispose() => file?.Dispose();

    private float* RowPointer(int slot)
    {
        if (slot < baseRows)
        {
            return file!.Rows + (long)slot * Dimensions;
        }
        var offset = slot - baseRows;
        return ChunkPointer(offset / BlockRows) + offset % BlockRows * Dimensions;
    }

    private float* ChunkPointer(int chunk)
    {
        // Chunks live on the pinned object heap, so their address is stable.
        fixed (float* first = chunks[chunk])
        {
            return first;
        }
    }
}
