using System.Buffers;

namespace Cbvr.Features.Deep;

/// <summary>
/// Makes the batch dimension of an ONNX model symbolic when the exporter fixed it to 1 (as the CNTK-exported ResNet18 does),
/// so several images run in one session call. It edits the protobuf in place: the first dimension of every graph input and
/// output becomes <c>dim_param</c> "N", and the graph's <c>value_info</c> (recorded intermediate shapes, all with batch 1) is
/// dropped so ONNX Runtime infers them again. Every other byte is copied as is. Only valid for graphs whose operators do not
/// hard-code the batch size (no Reshape to a constant shape); callers check batch results against single runs.
/// </summary>
internal static class OnnxBatchDimension
{
    // Field numbers from onnx.proto3.
    private const int ModelGraph = 7;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;
    private const int GraphValueInfo = 13;
    private const int ValueInfoType = 2;
    private const int TypeTensor = 1;
    private const int TensorShape = 2;
    private const int ShapeDim = 1;
    private const int DimParam = 2;
    private const int LengthDelimited = 2;

    /// <summary>The model with a symbolic batch dimension named <paramref name="name"/>.</summary>
    public static byte[] MakeDynamic(ReadOnlySpan<byte> model, string name = "N")
    {
        var param = System.Text.Encoding.UTF8.GetBytes(name);
        var dim = new ArrayBufferWriter<byte>();
        WriteField(dim, DimParam, param);
        var newDim = dim.WrittenSpan.ToArray();

        byte[] Shape(ReadOnlySpan<byte> m)
        {
            var first = true;
            return Rewrite(m, field =>
            {
                if (field != ShapeDim || !first)
                {
                    return Keep;
                }

                first = false;
                return _ => newDim;
            });
        }

        byte[] Tensor(ReadOnlySpan<byte> m) => Rewrite(m, f => f == TensorShape ? Shape : Keep);
        byte[] Type(ReadOnlySpan<byte> m) => Rewrite(m, f => f == TypeTensor ? Tensor : Keep);
        byte[] ValueInfo(ReadOnlySpan<byte> m) => Rewrite(m, f => f == ValueInfoType ? Type : Keep);
        byte[] Graph(ReadOnlySpan<byte> m) => Rewrite(m, f => f switch
        {
            GraphInput or GraphOutput => ValueInfo,
            GraphValueInfo => Drop,
            _ => Keep,
        });

        return Rewrite(model, f => f == ModelGraph ? Graph : Keep);
    }

    private delegate byte[]? Transform(ReadOnlySpan<byte> payload);

    /// <summary>Marks a field to copy unchanged (a sentinel compared by reference).</summary>
    private static readonly Transform Keep = _ => throw new InvalidOperationException("sentinel");

    private static readonly Transform Drop = _ => null;

    /// <summary>Copies <paramref name="message"/>, passing each length-delimited field through the transform its number selects.</summary>
    private static byte[] Rewrite(ReadOnlySpan<byte> message, Func<int, Transform> select)
    {
        var output = new ArrayBufferWriter<byte>(message.Length + 64);
        var position = 0;
        while (position < message.Length)
        {
            var start = position;
            var tag = ReadVarint(message, ref position);
            var (field, wire) = ((int)(tag >> 3), (int)(tag & 7));
            var payloadStart = position;
            var payloadLength = wire switch
            {
                0 => SkipVarint(message, position),
                1 => 8,
                5 => 4,
                LengthDelimited => checked((int)ReadVarint(message, ref payloadStart)),
                _ => throw new InvalidDataException($"unsupported protobuf wire type {wire} in field {field}"),
            };
            var end = payloadStart + payloadLength;
            var transform = wire == LengthDelimited ? select(field) : Keep;
            if (ReferenceEquals(transform, Keep))
            {
                output.Write(message[start..end]);
            }
            else if (transform(message[payloadStart..end]) is { } replaced)
            {
                WriteField(output, field, replaced);
            }

            position = end;
        }

        return output.WrittenSpan.ToArray();
    }

    private static void WriteField(ArrayBufferWriter<byte> output, int field, ReadOnlySpan<byte> payload)
    {
        WriteVarint(output, ((ulong)field << 3) | LengthDelimited);
        WriteVarint(output, (ulong)payload.Length);
        output.Write(payload);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("malformed protobuf varint");
    }

    private static int SkipVarint(ReadOnlySpan<byte> data, int position)
    {
        var p = position;
        ReadVarint(data, ref p);
        return p - position;
    }

    private static void WriteVarint(ArrayBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[n++] = (byte)value;
        output.Advance(n);
    }
}
