using System.Buffers.Binary;
using Cbvr.Features.Store;
using Cbvr.Tests;

namespace Cbvr.Features.Tests.Store;

/// <summary>The block format: exact and half-precision round trips, the tag, and damaged files refused with their path named.</summary>
public sealed class FeatureFileTests
{
    private static readonly FeatureTag Tag = new("resnet18", Granularity.Shot, "resnet18", 3, "0123456789ab");

    /// <summary>Values spanning signs and magnitudes (7 rows x 13 columns), deterministic.</summary>
    private static float[] Values(int rows = 7, int columns = 13, int seed = 5)
    {
        var random = new Random(seed);
        var values = new float[rows * columns];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4)));
        }

        return values;
    }

    [Fact]
    public void Float32_RoundTripsExactly_WithItsTag()
    {
        var folder = TestMedia.NewFolder();
        var values = Values();
        var path = FeatureFile.Write(folder, Tag, values, 7, 13, FeatureType.Float32);

        Assert.Equal(Path.Combine(folder, "resnet18.shot.cbf"), path);
        using var matrix = FeatureMatrix.Open(path);
        Assert.Equal(FeatureType.Float32, matrix.Type);
        Assert.Equal((7, 13), (matrix.Rows, matrix.Columns));
        Assert.Equal(values, matrix.ToArray());
        Assert.Equal(values.AsSpan(13 * 4, 13).ToArray(), matrix.Row(4));
        Assert.Equal(Tag, matrix.Tag);
    }

    [Fact]
    public void Float16_RoundTripsWithinHalfPrecision_AndHalvesTheData()
    {
        var folder = TestMedia.NewFolder();
        var values = Values(rows: 100, columns: 64);
        var half = FeatureFile.Write(folder, Tag, values, 100, 64, FeatureType.Float16);
        var halfBytes = new FileInfo(half).Length;
        var single = FeatureFile.Write(folder, Tag with { Feature = "single" }, values, 100, 64, FeatureType.Float32);

        using var matrix = FeatureMatrix.Open(half);
        Assert.Equal(FeatureType.Float16, matrix.Type);
        var read = matrix.ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            // Half keeps 11 significant bits: relative error <= 2^-11, or absolute 2^-25 for subnormals.
            Assert.True(Math.Abs(read[i] - values[i]) <= Math.Max(Math.Abs(values[i]) * 4.9e-4, 6e-8), $"value {i}: {values[i]} read back as {read[i]}");
            Assert.Equal((float)(Half)values[i], read[i]);
        }

        Assert.Equal(100 * 64 * 2, new FileInfo(single).Length - halfBytes);
    }

    [Fact]
    public void TheTag_RoundTripsEveryField_ForEveryGranularity()
    {
        var folder = TestMedia.NewFolder();
        foreach (var granularity in Enum.GetValues<Granularity>())
        {
            var tag = new FeatureTag("mfcc-bow", granularity, "mfcc-words", 42, "feedbeefcafe");
            var path = FeatureFile.Write(folder, tag, [1f, 2f], 1, 2);
            using var stream = File.OpenRead(path);
            var header = FeatureFile.ReadHeader(stream, path);
            Assert.Equal(tag, header.Tag);
            Assert.Equal(("mfcc-bow", granularity, "mfcc-words", 42, "feedbeefcafe"), (header.Tag.Feature, header.Tag.Granularity, header.Tag.Extractor, header.Tag.Version, header.Tag.ModelHash));
            Assert.Equal(0, header.DataOffset % 64);
            Assert.Equal(header.DataOffset + 4, stream.Length);
        }

        Assert.Equal(4, Directory.EnumerateFiles(folder, "mfcc-bow.*.cbf").Count());
    }

    [Fact]
    public void AnEmptyBlock_RoundTrips()
    {
        var path = FeatureFile.Write(TestMedia.NewFolder(), Tag, [], 0, 512);
        using var matrix = FeatureMatrix.Open(path);
        Assert.Equal((0, 512), (matrix.Rows, matrix.Columns));
        Assert.Empty(matrix.ToArray());
    }

    [Fact]
    public void ATruncatedFile_IsRefusedNamingThePath()
    {
        var path = FeatureFile.Write(TestMedia.NewFolder(), Tag, Values(), 7, 13);
        var length = new FileInfo(path).Length;
        foreach (var keep in new[] { length - 2, 40, 12, 0 })
        {
            using (var stream = new FileStream(path, FileMode.Open))
            {
                stream.SetLength(keep);
            }

            var error = Assert.Throws<InvalidDataException>(() => FeatureMatrix.Open(path).Dispose());
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AWrongMagic_IsRefusedNamingThePath()
    {
        var path = FeatureFile.Write(TestMedia.NewFolder(), Tag, Values(), 7, 13);
        Patch(path, 0, "CBVRFEAX"u8);
        var error = Assert.Throws<InvalidDataException>(() => FeatureMatrix.Open(path).Dispose());
        Assert.Equal($"{path} is not a Cbvr feature file", error.Message);

        var text = Path.Combine(TestMedia.NewFolder(), "notes.cbf");
        File.WriteAllText(text, "a text file that happens to be long enough to hold a header");
        Assert.Contains(text, Assert.Throws<InvalidDataException>(() => FeatureMatrix.Open(text).Dispose()).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8, 7, "format 7 is not supported")] // format version
    [InlineData(10, 9, "damaged feature header")] // element type
    [InlineData(16, 0, "damaged feature header")] // columns
    [InlineData(20, 0, "damaged feature header")] // tag length
    [InlineData(20, 60000, "truncated")] // tag length beyond the file
    public void ADamagedHeaderField_IsRefusedNamingThePath(int offset, int value, string expected)
    {
        var path = FeatureFile.Write(TestMedia.NewFolder(), Tag, Values(), 7, 13);
        var bytes = File.ReadAllBytes(path);
        if (offset == 8 || offset == 10)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset), (ushort)value);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), value);
        }

        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<InvalidDataException>(() => FeatureMatrix.Open(path).Dispose());
        Assert.StartsWith(path + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADamagedTag_IsRefusedNamingThePath()
    {
        var path = FeatureFile.Write(TestMedia.NewFolder(), Tag, Values(), 7, 13);
        Patch(path, 24, "#"u8); // the tag's opening brace
        var error = Assert.Throws<InvalidDataException>(() => FeatureMatrix.Open(path).Dispose());
        Assert.StartsWith(path + ": damaged feature tag", error.Message, StringComparison.Ordinal);
    }

    private static void Patch(string path, int offset, ReadOnlySpan<byte> bytes)
    {
        using var stream = new FileStream(path, FileMode.Open);
        stream.Position = offset;
        stream.Write(bytes);
    }
}
