namespace Cbvr.Api.Tests;

/// <summary>Just enough JPEG parsing to check an image is one and read its size.</summary>
public static class Jpeg
{
    /// <summary>Width and height from the first start-of-frame segment; fails the test when the bytes are not a JPEG.</summary>
    public static (int Width, int Height) Size(byte[] bytes)
    {
        Assert.True(bytes.Length > 4 && bytes[0] == 0xFF && bytes[1] == 0xD8, "not a JPEG: no FF D8 start-of-image marker");
        var i = 2;
        while (i + 9 < bytes.Length)
        {
            Assert.True(bytes[i] == 0xFF, $"JPEG segment marker expected at byte {i}");
            var marker = bytes[i + 1];
            var length = (bytes[i + 2] << 8) | bytes[i + 3];
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return ((bytes[i + 7] << 8) | bytes[i + 8], (bytes[i + 5] << 8) | bytes[i + 6]);
            }

            i += 2 + length;
        }

        Assert.Fail("JPEG without a start-of-frame segment");
        return default;
    }
}
