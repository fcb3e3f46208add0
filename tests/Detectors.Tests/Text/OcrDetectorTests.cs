using Cbvr.Detectors.Text;
using Cbvr.Tests;

namespace Cbvr.Detectors.Tests.Text;

/// <summary>The OCR detector on real PP-OCRv4 models: generated captions, a demo clip with credits, and a clip without text.</summary>
public sealed class OcrDetectorTests
{
    private static readonly Lazy<OcrDetector> KeyframeDetector = new(() => OcrTestSupport.Detector(OcrFrameSource.Keyframe));

    [Fact]
    public async Task GeneratedCaptions_AreReadInTheirOwnShots()
    {
        var input = await OcrTestSupport.InputAsync(await CaptionClipAsync(), (0, 2), (2, 4));

        var result = await KeyframeDetector.Value.DetectAsync(input, CancellationToken.None);

        Assert.Equal([0, 1], result.Select(r => r.Shot));
        var first = result[0].Texts.Select(t => t.Text).ToList();
        var second = result[1].Texts.Select(t => t.Text).ToList();
        Assert.All(new[] { "HELLO", "WORLD", "2026" }, w => Assert.True(OcrTestSupport.ContainsWord(first, w), $"{w} not in [{string.Join(" | ", first)}]"));
        Assert.All(new[] { "Cbvr", "search", "VIDEO", "RETRIEVAL" }, w => Assert.True(OcrTestSupport.ContainsWord(second, w), $"{w} not in [{string.Join(" | ", second)}]"));
        Assert.False(OcrTestSupport.ContainsWord(first, "search"));
        Assert.False(OcrTestSupport.ContainsWord(second, "HELLO"));
    }

    [Fact]
    public async Task TextSpans_CarryTheShotSpan_ReadingOrder_AndKeyframeBoxes()
    {
        var input = await OcrTestSupport.InputAsync(await CaptionClipAsync(), (0, 2), (2, 4));

        var result = await KeyframeDetector.Value.DetectAsync(input, CancellationToken.None);

        foreach (var shot in result)
        {
            var keyframe = input.Shots[shot.Shot].Keyframe!;
            Assert.Empty(shot.Concepts);
            Assert.All(shot.Texts, t =>
            {
                Assert.Equal("ocr", t.Source);
                Assert.Equal(input.Shots[shot.Shot].StartSeconds, t.StartSeconds);
                Assert.Equal(input.Shots[shot.Shot].EndSeconds, t.EndSeconds);
                Assert.InRange(t.Confidence, 0.5f, 1f);
                var box = t.Box!.Value;
                Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= keyframe.Width && box.Y + box.Height <= keyframe.Height, $"{box} outside the keyframe");
            });
        }

        // "Cbvr search" is drawn above "VIDEO RETRIEVAL" although further right: top to bottom comes first.
        var second = result[1].Texts;
        Assert.True(OcrTestSupport.ContainsWord([second[0].Text], "search"), second[0].Text);
        Assert.True(OcrTestSupport.ContainsWord([second[^1].Text], "RETRIEVAL"), second[^1].Text);

        // The title is drawn centred at y 80..~130 of 360: its box is centred horizontally in the 455x256 keyframe.
        var title = result[0].Texts.Single(t => OcrTestSupport.ContainsWord([t.Text], "HELLO")).Box!.Value;
        Assert.InRange(title.X + (title.Width / 2), (455 / 2) - 12, (455 / 2) + 12);
        Assert.InRange(title.Y, 256 * 60 / 360, 256 * 110 / 360);
    }

    [Fact]
    public async Task FullResolutionFrames_GiveTheSameWords_WithBoxesInKeyframePixels()
    {
        var input = await OcrTestSupport.InputAsync(await CaptionClipAsync(), (0, 2));

        var fromKeyframe = await KeyframeDetector.Value.DetectAsync(input, CancellationToken.None);
        var fromSource = await OcrTestSupport.Detector(OcrFrameSource.Source).DetectAsync(input, CancellationToken.None);

        var texts = fromSource.Single().Texts;
        Assert.All(new[] { "HELLO", "WORLD", "2026" }, w => Assert.True(OcrTestSupport.ContainsWord(texts.Select(t => t.Text), w), w));
        // Where all the text stands, in keyframe pixels, from both: how words group into lines may differ between the two
        // resolutions (it does with a monospaced font), the block they cover must not.
        static BoxF Block(IEnumerable<TextSpan> spans)
        {
            var boxes = spans.Select(t => t.Box!.Value).ToList();
            float left = boxes.Min(x => x.X), top = boxes.Min(x => x.Y);
            return new BoxF(left, top, boxes.Max(x => x.X + x.Width) - left, boxes.Max(x => x.Y + x.Height) - top);
        }

        var (a, b) = (Block(fromKeyframe.Single().Texts), Block(texts));
        Assert.InRange((b.X + (b.Width / 2)) - (a.X + (a.Width / 2)), -6, 6);
        Assert.InRange((b.Y + (b.Height / 2)) - (a.Y + (a.Height / 2)), -6, 6);
    }

    [Fact]
    public async Task Detection_IsDeterministic()
    {
        var input = await OcrTestSupport.InputAsync(await CaptionClipAsync(), (2, 4));

        var first = await KeyframeDetector.Value.DetectAsync(input, CancellationToken.None);
        var second = await KeyframeDetector.Value.DetectAsync(input, CancellationToken.None);

        Assert.Equal(first.SelectMany(r => r.Texts), second.SelectMany(r => r.Texts));
    }

    [Fact]
    public async Task DemoClipCredits_AreReadInTheRightShots()
    {
        var clip = TestMedia.DemoClip("wannaworktogether.mp4");
        Assert.True(clip is not null, "demo clip wannaworktogether.mp4 missing: run scripts/setup.sh");
        var input = await OcrTestSupport.InputAsync(clip, (107.5, 109.5), (157.5, 159.5), (170, 172));

        var result = await KeyframeDetector.Value.DetectAsync(input, CancellationToken.None);

        string[] Texts(int shot) => [.. result.Where(r => r.Shot == shot).SelectMany(r => r.Texts).Select(t => t.Text)];
        string[][] expected = [["commercial", "modifications", "others", "alike"], ["NARRATOR", "Sara", "Kraft", "kraftpurver"], ["Stanford", "School", "THANKS"]];
        for (var shot = 0; shot < expected.Length; shot++)
        {
            var texts = Texts(shot);
            Assert.All(expected[shot], w => Assert.True(OcrTestSupport.ContainsWord(texts, w), $"{w} not in shot {shot}: [{string.Join(" | ", texts)}]"));
        }

        Assert.False(OcrTestSupport.ContainsWord(Texts(0), "Stanford"));
        Assert.False(OcrTestSupport.ContainsWord(Texts(2), "commercial"));
    }

    [Fact]
    public async Task FramesWithoutText_GiveAlmostNothing()
    {
        var clip = TestMedia.DemoClip("cockatoo.mp4");
        Assert.True(clip is not null, "demo clip cockatoo.mp4 missing: run scripts/setup.sh");
        var input = await OcrTestSupport.InputAsync(clip, (2, 4), (9, 11));

        var result = await KeyframeDetector.Value.DetectAsync(input, CancellationToken.None);

        Assert.True(result.Sum(r => r.Texts.Count) <= 1, string.Join(" | ", result.SelectMany(r => r.Texts).Select(t => t.Text)));
    }

    /// <summary>
    /// 640x360, 4 s: "HELLO WORLD 2026" centred for 2 s, then "Cbvr search" top right above "VIDEO RETRIEVAL" bottom left.
    /// DejaVu Sans where Debian's fonts-dejavu-core has it (ffmpeg pulls it in through fontconfig), else drawtext's default font.
    /// </summary>
    private static Task<string> CaptionClipAsync() => TestMedia.CachedAsync("ocr-captions-640x360.mp4", path =>
    {
        const string dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        var font = (File.Exists(dejavu) ? $"fontfile={dejavu}:" : "") + "fontcolor=white";
        var filter = "color=c=0x203050:s=640x360:d=4:r=25,"
            + $"drawtext={font}:text='HELLO WORLD 2026':fontsize=48:x=(w-text_w)/2:y=80:enable='lt(t,2)',"
            + $"drawtext={font}:text='Cbvr search':fontsize=40:x=360:y=60:enable='gte(t,2)',"
            + $"drawtext={font}:text='VIDEO RETRIEVAL':fontsize=32:x=40:y=260:enable='gte(t,2)'";
        return TestMedia.FfmpegAsync("-f", "lavfi", "-i", filter, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", path);
    });
}
