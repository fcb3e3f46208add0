using Cbvr.Api.Server.Uploads;

namespace Cbvr.Api.Tests;

/// <summary>The client's file name of an upload becomes a display name that is safe as a file name in a server-chosen folder.</summary>
public sealed class ApiUploadNameTests
{
    [Theory]
    [InlineData("holiday clip (1).mp4", "holiday clip (1).mp4")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\me\\Video.MP4", "Video.mp4")]
    [InlineData(".hidden.mkv", "hidden.mkv")]
    [InlineData("..", "upload")]
    [InlineData("", "upload")]
    [InlineData(null, "upload")]
    [InlineData(".mp4", "upload.mp4")]
    [InlineData("a\u0000b|c*.webm", "a_b_c_.webm")]
    [InlineData("clip.mp4;rm -rf", "clip.mp4_rm -rf")]
    [InlineData("été à Köln.mov", "été à Köln.mov")]
    [InlineData("name.verylongextension", "name.verylongextension")]
    public void SafeFileName_KeepsTheLastComponent_WithSafeCharactersOnly(string? client, string expected) =>
        Assert.Equal(expected, SafeFileName.From(client));

    [Fact]
    public void SafeFileName_OfAVeryLongName_IsCutTo100Characters_KeepingTheExtension()
    {
        var name = SafeFileName.From(new string('x', 300) + ".mp4");

        Assert.Equal(100, name.Length);
        Assert.EndsWith("x.mp4", name, StringComparison.Ordinal);
    }
}
