using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Cbvr.Search.Text;

/// <summary>The <see cref="OcrGrams"/> of several OCR lines as one token stream, lines separated by a position gap.</summary>
internal sealed class OcrGramTokenStream : TokenStream
{
    private readonly List<(string Gram, int Increment)> tokens = [];
    private readonly ICharTermAttribute term;
    private readonly IPositionIncrementAttribute increment;
    private int next;

    public OcrGramTokenStream(IEnumerable<string> lines)
    {
        term = AddAttribute<ICharTermAttribute>();
        increment = AddAttribute<IPositionIncrementAttribute>();
        var gap = 1;
        foreach (var line in lines)
        {
            foreach (var gram in OcrGrams.Grams(OcrGrams.Compact(line)))
            {
                tokens.Add((gram, gap));
                gap = 1;
            }

            gap = tokens.Count == 0 ? 1 : OcrGrams.LineGap;
        }
    }

    public override bool IncrementToken()
    {
        if (next >= tokens.Count)
        {
            return false;
        }

        ClearAttributes();
        var (gram, gap) = tokens[next++];
        term.SetEmpty().Append(gram);
        increment.PositionIncrement = gap;
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        next = 0;
    }
}
