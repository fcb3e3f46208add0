using System.IO.MemoryMappedFiles;

namespace Cbvr.Features.Store;

/// <summary>
/// A stored feature block, memory-mapped for reading: rows are converted to float on access, nothing else is loaded.
/// Dispose to unmap.
/// </summary>
public sealed unsafe class FeatureMatrix : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _data;
    private bool _disposed;

    private FeatureMatrix(string path, FeatureTag tag, FeatureType type, int rows, int columns, int offset, MemoryMappedFile file, MemoryMappedViewAccessor view)
    {
        Path = path;
        Tag = tag;
        Type = type;
        Rows = rows;
        Columns = columns;
        _file = file;
        _view = view;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _data = pointer + view.PointerOffset + offset;
    }

    public string Path { get; }

    public FeatureTag Tag { get; }

    public FeatureType Type { get; }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Maps <paramref name="path"/>; throws <see cref="InvalidDataException"/> naming it when it is damaged.</summary>
    public static FeatureMatrix Open(string path)
    {
        FeatureTag tag;
        FeatureType type;
        int rows, columns, offset;
        using (var stream = File.OpenRead(path))
        {
            (tag, type, rows, columns, offset) = FeatureFile.ReadHeader(stream, path);
        }

        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        try
        {
            var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            return new FeatureMatrix(path, tag, type, rows, columns, offset, file, view);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Copies row <paramref name="row"/> into <paramref name="destination"/> as float.</summary>
    public void CopyRow(int row, Span<float> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        if (Type == FeatureType.Float16)
        {
            var source = new ReadOnlySpan<Half>(_data + ((long)row * Columns * 2), Columns);
            for (var i = 0; i < Columns; i++)
            {
                destination[i] = (float)source[i];
            }
        }
        else
        {
            new ReadOnlySpan<float>(_data + ((long)row * Columns * 4), Columns).CopyTo(destination);
        }
    }

    public float[] Row(int row)
    {
        var result = new float[Columns];
        CopyRow(row, result);
        return result;
    }

    /// <summary>All rows as one row-major array.</summary>
    public float[] ToArray()
    {
        var result = new float[Rows * Columns];
        for (var r = 0; r < Rows; r++)
        {
            CopyRow(r, result.AsSpan(r * Columns, Columns));
        }

        return result;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
