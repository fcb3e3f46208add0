using System.Buffers.Binary;
using System.Text.Json;

namespace Cbvr.Features.Store;

/// <summary>
/// The binary block format: a 64-byte-aligned header (magic <c>CBVRFEAT</c>, format version, element type, rows, columns, the
/// tag as JSON) followed by the row-major matrix, little-endian. Written to a temporary name and renamed, so a reader never
/// sees half a file.
/// </summary>
public static class FeatureFile
{
    public const int FormatVersion = 1;
    private static readonly byte[] Magic = "CBVRFEAT"u8.ToArray();
    private const int FixedHeader = 8 + 2 + 2 + 4 + 4 + 4;

    /// <summary>Writes <paramref name="data"/> (rows x columns, row-major) with <paramref name="tag"/> into <paramref name="folder"/>.</summary>
    public static string Write(string folder, FeatureTag tag, ReadOnlySpan<float> data, int rows, int columns, FeatureType type = FeatureType.Float16)
    {
        if (rows < 0 || columns <= 0 || data.Length < (long)rows * columns)
        {
            throw new ArgumentException($"feature {tag.Feature}: {rows}x{columns} does not fit {data.Length} values");
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, tag.FileName);
        var json = JsonSerializer.SerializeToUtf8Bytes(tag, FeatureJson.Options);
        var headerLength = Align(FixedHeader + json.Length);
        var header = new byte[headerLength];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), FormatVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(10), (ushort)type);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), rows);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), columns);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(20), json.Length);
        json.CopyTo(header, FixedHeader);

        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            stream.Write(header);
            var count = rows * columns;
            var elementSize = type == FeatureType.Float16 ? 2 : 4;
            var buffer = new byte[Math.Min(count, 1 << 14) * elementSize];
            for (var offset = 0; offset < count; offset += buffer.Length / elementSize)
            {
                var n = Math.Min(buffer.Length / elementSize, count - offset);
                var chunk = data.Slice(offset, n);
                for (var i = 0; i < n; i++)
                {
                    if (type == FeatureType.Float16)
                    {
                        BinaryPrimitives.WriteHalfLittleEndian(buffer.AsSpan(i * 2), (Half)chunk[i]);
                    }
                    else
                    {
                        BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(i * 4), chunk[i]);
                    }
                }

                stream.Write(buffer, 0, n * elementSize);
            }
        }

        File.Move(temp, path, overwrite: true);
        return path;
    }

    /// <summary>Reads the header of <paramref name="path"/>; throws <see cref="InvalidDataException"/> naming the file when it is not a feature block.</summary>
    public static (FeatureTag Tag, FeatureType Type, int Rows, int Columns, int DataOffset) ReadHeader(Stream stream, string path)
    {
        Span<byte> fixedPart = stackalloc byte[FixedHeader];
        if (stream.ReadAtLeast(fixedPart, FixedHeader, throwOnEndOfStream: false) < FixedHeader || !fixedPart[..8].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path} is not a Cbvr feature file");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart[8..]);
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"{path}: feature format {version} is not supported (expected {FormatVersion})");
        }

        var type = (FeatureType)BinaryPrimitives.ReadUInt16LittleEndian(fixedPart[10..]);
        var rows = BinaryPrimitives.ReadInt32LittleEndian(fixedPart[12..]);
        var columns = BinaryPrimitives.ReadInt32LittleEndian(fixedPart[16..]);
        var jsonLength = BinaryPrimitives.ReadInt32LittleEndian(fixedPart[20..]);
        if (type is not (FeatureType.Float16 or FeatureType.Float32) || rows < 0 || columns <= 0 || jsonLength is <= 0 or > 1 << 16)
        {
            throw new InvalidDataException($"{path}: damaged feature header");
        }

        var offset = Align(FixedHeader + jsonLength);
        if (stream.Length < offset)
        {
            throw new InvalidDataException($"{path}: truncated ({stream.Length} bytes, the header alone has {offset})");
        }

        var json = new byte[jsonLength];
        stream.ReadExactly(json);
        var tag = ReadTag(json, path);
        var expected = offset + ((long)rows * columns * (type == FeatureType.Float16 ? 2 : 4));
        if (stream.Length < expected)
        {
            throw new InvalidDataException($"{path}: truncated ({stream.Length} bytes, expected {expected})");
        }

        return (tag, type, rows, columns, offset);
    }

    private static FeatureTag ReadTag(byte[] json, string path)
    {
        FeatureTag? tag;
        try
        {
            tag = JsonSerializer.Deserialize<FeatureTag>(json, FeatureJson.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: damaged feature tag ({e.Message})", e);
        }

        // A tag that parses but lacks its names (e.g. "{}") is as unusable as one that does not parse.
        return tag is { Feature.Length: > 0, Extractor: not null, ModelHash: not null }
            ? tag
            : throw new InvalidDataException($"{path}: damaged feature tag (feature, extractor or model hash missing)");
    }

    private static int Align(int n) => (n + 63) / 64 * 64;
}

internal static class FeatureJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static string Describe(FeatureTag tag) => System.Text.Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(tag, Options));
}
