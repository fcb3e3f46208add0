namespace Cbvr.Search.Text;

/// <summary>One term produced by the analyzer, with its position and character offsets in the analysed text.</summary>
internal readonly record struct AnalyzedToken(string Term, int Position, int Start, int End);
