namespace Cbvr.Detectors.Text;

/// <summary>One line of text read from an image: the text, its mean character probability and where it is.</summary>
public sealed record RecognizedLine(string Text, float Confidence, TextBox Box);
