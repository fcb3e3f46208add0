using System.Globalization;
using System.Numerics;

namespace Cbvr.Search.Evaluation.Scoring;

/// <summary>
/// Numbers as F4DE prints them: Perl's <c>sprintf("%.1f")</c>, i.e. C's printf, which rounds the exact binary value and breaks
/// exact ties to even (22.25 → "22.2", 26.75 → "26.8"); .NET's "F1" rounds ties away from zero, so it cannot be used.
/// </summary>
public static class F4deFormat
{
    /// <summary>The value with <paramref name="decimals"/> digits after the point; "NaN" stays "NaN".</summary>
    public static string Fixed(double value, int decimals = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        if (!double.IsFinite(value))
        {
            return double.IsNaN(value) ? "NaN" : value > 0 ? "inf" : "-inf";
        }

        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        // |value| = mantissa * 2^(exponent - 1075); scaled = |value| * 10^decimals as numerator / denominator, exactly.
        var shift = exponent - 1075;
        var numerator = new BigInteger(mantissa) * BigInteger.Pow(10, decimals);
        var denominator = BigInteger.One;
        if (shift >= 0)
        {
            numerator <<= shift;
        }
        else
        {
            denominator <<= -shift;
        }

        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !quotient.IsEven))
        {
            quotient += 1;
        }

        var digits = quotient.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var text = decimals == 0 ? digits : digits[..^decimals] + "." + digits[^decimals..];
        return (value < 0 || (value == 0 && double.IsNegative(value)) ? "-" : "") + text;
    }
}
