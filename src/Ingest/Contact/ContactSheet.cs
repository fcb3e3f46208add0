using System.Globalization;
using OpenCvSharp;

namespace Cbvr.Ingest.Contact;

/// <summary>A contact sheet: every shot's keyframe in a grid, labelled with shot number, start time and transition, to check shot detection by eye.</summary>
public static class ContactSheet
{
    /// <summary>One tile: JPEG bytes and its label.</summary>
    public sealed record Tile(byte[] Jpeg, string Label);

    /// <summary>Draws <paramref name="tiles"/> into a JPEG image, <paramref name="columns"/> per row, each tile <paramref name="tileWidth"/> wide.</summary>
    public static byte[] Render(IReadOnlyList<Tile> tiles, string title, int columns = 6, int tileWidth = 240)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        var images = tiles.Select(t => Cv2.ImDecode(t.Jpeg, ImreadModes.Color)).ToList();
        try
        {
            var aspect = images.Count > 0 ? (double)images[0].Height / images[0].Width : 0.5625;
            var tileHeight = (int)Math.Round(tileWidth * aspect);
            const int Label = 22, Pad = 6, Header = 34;
            var cols = Math.Max(1, Math.Min(columns, Math.Max(1, images.Count)));
            var rows = Math.Max(1, (images.Count + cols - 1) / cols);
            using var sheet = new Mat(Header + (rows * (tileHeight + Label + Pad)) + Pad, Pad + (cols * (tileWidth + Pad)), MatType.CV_8UC3, new Scalar(32, 32, 32));
            Cv2.PutText(sheet, title, new Point(Pad, 24), HersheyFonts.HersheySimplex, 0.6, Scalar.White, 1, LineTypes.AntiAlias);
            for (var i = 0; i < images.Count; i++)
            {
                var x = Pad + (i % cols * (tileWidth + Pad));
                var y = Header + (i / cols * (tileHeight + Label + Pad));
                using var resized = images[i].Resize(new Size(tileWidth, tileHeight), 0, 0, InterpolationFlags.Area);
                using (var roi = new Mat(sheet, new Rect(x, y, tileWidth, tileHeight)))
                {
                    resized.CopyTo(roi);
                }

                Cv2.PutText(sheet, tiles[i].Label, new Point(x + 2, y + tileHeight + 16), HersheyFonts.HersheySimplex, 0.45, new Scalar(220, 220, 220), 1, LineTypes.AntiAlias);
            }

            return sheet.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, 90));
        }
        finally
        {
            images.ForEach(m => m.Dispose());
        }
    }

    /// <summary>The label of a shot tile: "#3 0:12.5 cut".</summary>
    public static string Label(int index, double startSeconds, string transition) =>
        string.Create(CultureInfo.InvariantCulture, $"#{index} {(int)(startSeconds / 60)}:{startSeconds % 60:00.0} {transition}");
}
