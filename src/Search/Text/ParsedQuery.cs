namespace Cbvr.Search.Text;

/// <summary>
/// A free-text query after analysis: the terms to score (at most <see cref="QueryTextParser.MaxTerms"/>, rarest first),
/// adjacent term pairs for phrase boosts, and compacted OCR strings (as trigram lists) for space-less OCR text.
/// </summary>
internal sealed record ParsedQuery(
    IReadOnlyList<string> Terms,
    IReadOnlyList<TermPair> Pairs,
    IReadOnlyList<GramPhrase> GramPhrases)
{
    /// <summary>The terms as a set, to find matched words in stored text.</summary>
    public IReadOnlySet<string> TermSet { get; } = Terms.ToHashSet(StringComparer.Ordinal);
}
