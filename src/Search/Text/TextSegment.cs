namespace Cbvr.Search.Text;

/// <summary>
/// One piece of recognised text of a video with its time span: an ASR utterance or an OCR line of a shot.
/// </summary>
/// <param name="Shot">Shot number the text belongs to.</param>
/// <param name="Source">"asr" (speech) or "ocr" (on-screen text).</param>
/// <param name="StartSeconds">Start of the span in the video.</param>
/// <param name="EndSeconds">End of the span in the video.</param>
/// <param name="Text">The recognised text as stored (shown in snippets).</param>
public sealed record TextSegment(int Shot, string Source, double StartSeconds, double EndSeconds, string Text);
