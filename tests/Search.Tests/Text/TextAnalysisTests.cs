using Cbvr.Search.Text;

namespace Cbvr.Search.Tests.Text;

public sealed class TextAnalysisTests
{
    [Theory]
    [InlineData("movie-hello.mp4", "movie hello")]
    [InlineData("/videos/my_holiday.2024.mkv", "my holiday 2024")]
    [InlineData("myHolidayClip01.mkv", "my Holiday Clip 01")]
    [InlineData("HTTPServerDemo.webm", "HTTP Server Demo")]
    public void FileNamesSplitIntoWords(string fileName, string words) =>
        Assert.Equal(words, TextAnalysis.FileNameWords(fileName));

    [Fact]
    public void OcrTextCompactsToLowerCaseLettersAndDigitsAndItsTrigrams()
    {
        Assert.Equal("helloworld2026", OcrGrams.Compact("HELLO, World 2026!"));
        Assert.Equal(["hel", "ell", "llo"], OcrGrams.Grams("hello"));
        Assert.Empty(OcrGrams.Grams("hi"));
    }

    [Fact]
    public void AnalyzerLowerCasesDropsStopWordsAndStems()
    {
        using var analyzer = new EnglishTextAnalyzer();

        var tokens = TextAnalysis.Analyze(analyzer, "asr", "The Children's dogs were RUNNING");

        Assert.Equal(["children", "dog", "were", "run"], tokens.Select(t => t.Term));
        Assert.Equal([1, 2, 3, 4], tokens.Select(t => t.Position));
    }
}
