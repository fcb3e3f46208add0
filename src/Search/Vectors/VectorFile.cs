using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace Cbvr.Search.Vectors;

/// <summary>
/// The on-disk form of a <see cref="VectorIndex"/>, read through a read-only memory mapping. Layout (little-endian):
/// a 64-byte header (magic "CBVRVEC1", version, dimensions, row count, caller's sequence number, offsets of the two
/// sections), the rows as float32 (row-major, starting 64-byte aligned), then one int32 key per row.
/// Written to a temporary file, flushed to disk and renamed over the target, so a crash leaves the old or the new file.
/// </summary>
internal sealed unsafe class VectorFile : IDisposable
{
    public const int HeaderBytes = 64;
    public const int FormatVersion = 1;
    public const int MaxDimensions = 1 << 16;
    private static ReadOnlySpan<byte> Magic => "CBVRVEC1"u8;

    private readonly MemoryMappedFile map;
    private readonly MemoryMappedViewAccessor view;
    private byte* start;

    private VectorFile(string path, MemoryMappedFile map, MemoryMappedViewAccessor view, int dimensions, int count, long sequence)
    {
        Path = path;
        this.map = map;
        this.view = view;
        Dimensions = dimensions;
        Count = count;
        Sequence = sequence;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        start += view.PointerOffset;
    }

    public string Path { get; }

    public int Dimensions { get; }

    public int Count { get; }

    public long Sequence { get; }

    /// <summary>The first float of row 0; rows are contiguous.</summary>
    public float* Rows => (float*)(start + HeaderBytes);

    /// <summary>The key of each row.</summary>
    public ReadOnlySpan<int> Keys => new(start + KeysOffset(Dimensions, Count), Count);

    /// <summary>Maps <paramref name="path"/> after checking its header and length; a bad file is an <see cref="InvalidDataException"/> naming it.</summary>
    public static VectorFile Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        try
        {
            Span<byte> header = stackalloc byte[HeaderBytes];
            if (stream.Length < HeaderBytes || stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) < HeaderBytes)
            {
                throw Corrupt(path, $"it has {stream.Length} bytes, less than the {HeaderBytes}-byte header");
            }
            var (dimensions, count, sequence) = ParseHeader(path, header, stream.Length);
            var map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            var view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            return new VectorFile(path, map, view, dimensions, count, sequence);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Writes <paramref name="count"/> rows atomically: temporary file, flush to disk, rename over <paramref name="path"/>.</summary>
    public static void Write(string path, int dimensions, long sequence, int count, RowSource row, ReadOnlySpan<int> keys)
    {
        var temp = path + ".tmp";
        try
        {
            WriteFile(temp, dimensions, sequence, count, row, keys);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static void WriteFile(string temp, int dimensions, long sequence, int count, RowSource row, ReadOnlySpan<int> keys)
    {
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            Span<byte> header = stackalloc byte[HeaderBytes];
            header.Clear();
            Magic.CopyTo(header);
            BinaryPrimitives.WriteInt32LittleEndian(header[8..], FormatVersion);
            BinaryPrimitives.WriteInt32LittleEndian(header[12..], dimensions);
            BinaryPrimitives.WriteInt64LittleEndian(header[16..], count);
            BinaryPrimitives.WriteInt64LittleEndian(header[24..], sequence);
            BinaryPrimitives.WriteInt64LittleEndian(header[32..], HeaderBytes);
            BinaryPrimitives.WriteInt64LittleEndian(header[40..], KeysOffset(dimensions, count));
            stream.Write(header);
            for (var i = 0; i < count; i++)
            {
                stream.Write(MemoryMarshal.AsBytes(row(i)));
            }
            stream.Write(MemoryMarshal.AsBytes(keys));
            stream.Flush(flushToDisk: true);
        }
    }

    public void Dispose()
    {
        if (start != null)
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
            start = null;
        }
        view.Dispose();
        map.Dispose();
    }

    public static InvalidDataException Corrupt(string path, string reason) =>
        new($"vector index file '{path}' is corrupt or truncated: {reason}; delete it to rebuild the index");

    private static long KeysOffset(int dimensions, long count) => HeaderBytes + count * dimensions * sizeof(float);

    private static (int Dimensions, int Count, long Sequence) ParseHeader(string path, ReadOnlySpan<byte> header, long length)
    {
        if (!header[..8].SequenceEqual(Magic))
        {
            throw Corrupt(path, "it does not start with the CBVRVEC1 magic");
        }
        var version = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        if (version != FormatVersion)
        {
            throw Corrupt(path, $"format version {version}, expected {FormatVersion}");
        }
        var dimensions = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        var count = BinaryPrimitives.ReadInt64LittleEndian(header[16..]);
        var rowsOffset = BinaryPrimitives.ReadInt64LittleEndian(header[32..]);
        var keysOffset = BinaryPrimitives.ReadInt64LittleEndian(header[40..]);
        if (dimensions is < 1 or > MaxDimensions || count is < 0 or > int.MaxValue)
        {
            throw Corrupt(path, $"implausible header ({dimensions} dimensions, {count} rows)");
        }
        var expected = KeysOffset(dimensions, count) + count * sizeof(int);
        if (rowsOffset != HeaderBytes || keysOffset != KeysOffset(dimensions, count) || length != expected)
        {
            throw Corrupt(path, $"{count} rows of {dimensions} dimensions need {expected} bytes, the file has {length}");
        }
        return (dimensions, (int)count, BinaryPrimitives.ReadInt64LittleEndian(header[24..]));
    }

    /// <summary>Gives row <c>i</c> of the rows being written.</summary>
    public delegate ReadOnlySpan<float> RowSource(int i);
}
