namespace Cbvr.Api.Tests;

/// <summary><c>cbvr contact VIDEO -o sheet.jpg</c>.</summary>
public sealed class CliContactTests(CliLibrary library) : IClassFixture<CliLibrary>
{
    [Fact]
    public async Task Contact_OfALibraryVideo_WritesAJpegSheet()
    {
        using var scratch = new Scratch();
        var sheet = scratch["sheet.jpg"];

        await Cli.RunOkAsync("contact", library.VideoId, "-o", sheet, "--data", library.DataDirectory);

        var (width, height) = Jpeg.Size(await File.ReadAllBytesAsync(sheet));
        Assert.True(width >= 64 && height >= 64, $"contact sheet is only {width}x{height}");
    }

    [Fact]
    public async Task Contact_OfAnUnknownVideo_ExitsNonZeroWithAnErrorLineAndWritesNothing()
    {
        using var scratch = new Scratch();
        var output = scratch["x.jpg"];

        var result = await Cli.RunAsync(["contact", "no-such-video", "-o", output, "--data", library.DataDirectory]);

        Assert.True(result.ExitCode != 0, "contact of an unknown video should fail: " + result);
        Assert.StartsWith("error: no-such-video: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(output), "no sheet should be written");
    }
}
