using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace Cbvr.Search.Text;

/// <summary>
/// The one analyzer for indexed text and queries: standard tokenizer, English possessives, lower case, English stop words,
/// Porter stemming (more recall than minimal stemming on ASR text, where "running"/"runs" must meet "run"). Values of a
/// multi-valued field are kept apart by a position gap so phrases never span two segments.
/// </summary>
internal sealed class EnglishTextAnalyzer : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Position gap between values of one field (larger than any phrase slop used).</summary>
    public const int ValueGap = 100;

    public override int GetPositionIncrementGap(string fieldName) => ValueGap;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream result = new EnglishPossessiveFilter(Version, source);
        result = new LowerCaseFilter(Version, result);
        result = new StopFilter(Version, result, EnglishAnalyzer.DefaultStopSet);
        result = new PorterStemFilter(result);
        return new TokenStreamComponents(source, result);
    }
}
