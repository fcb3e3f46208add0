using System.Globalization;
using System.Text.RegularExpressions;
using Cbvr.Tests;

namespace Cbvr.Api.Tests;

/// <summary><c>cbvr med avs</c> through the real CLI: TREC run files from TSV and XML topics, and malformed topic files.</summary>
public sealed partial class CliMedAvsTests(AnalysedCliLibrary library) : IClassFixture<AnalysedCliLibrary>
{
    [Fact]
    public async Task TsvTopics_GiveATrecRunWithinTheLimitRankedByScore()
    {
        var folder = TestMedia.NewFolder();
        var topics = Path.Combine(folder, "topics.tsv");
        await File.WriteAllTextAsync(topics, "# AVS topics\n101\tdog\n102\telephant\r\n103\tocean view\n\n104\tqzxjvkwpfh\n");
        var run = Path.Combine(folder, "run.txt");

        var result = await library.RunAsync("med", "avs", "--topics", topics, "--out", run, "--limit", "2", "--run-id", "TEST_RUN");

        Assert.True(result.ExitCode == 0, result.ToString());
        var text = await File.ReadAllTextAsync(run);
        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text.TrimEnd('\n').Split('\n').Select(l => RunLine().Match(l)).ToList();
        Assert.All(lines, m => Assert.True(m.Success, $"not a TREC run line: '{m.Value}'"));
        var byTopic = lines.GroupBy(m => m.Groups["topic"].Value).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(["101", "102", "103"], byTopic.Keys.Order(StringComparer.Ordinal));
        foreach (var (_, shots) in byTopic)
        {
            Assert.InRange(shots.Count, 1, 2);
            Assert.Equal(Enumerable.Range(1, shots.Count), shots.Select(m => int.Parse(m.Groups["rank"].Value, CultureInfo.InvariantCulture)));
            var scores = shots.Select(m => double.Parse(m.Groups["score"].Value, CultureInfo.InvariantCulture)).ToList();
            Assert.All(scores.Zip(scores.Skip(1)), p => Assert.True(p.First >= p.Second, $"{p.First} < {p.Second}"));
        }

        Assert.Equal(library.Video(library.DogPath).Str("id"), byTopic["101"][0].Groups["video"].Value);
        Assert.Equal(library.Video(library.SpeechPath).Str("id"), byTopic["102"][0].Groups["video"].Value);
        Assert.Equal(library.Video(library.TextPath).Str("id"), byTopic["103"][0].Groups["video"].Value);
        Assert.Contains("topic 102: elephant", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("asr \"", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task XmlTopicsWithClipIds_NameShotsByTheKitsClips()
    {
        var folder = TestMedia.NewFolder();
        var topics = Path.Combine(folder, "tv.avs.topics.xml");
        await File.WriteAllTextAsync(topics, """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE videoAdhocSearchTopics SYSTEM "videoAdhocSearchTopics.dtd">
            <videoAdhocSearchTopics>
              <videoAdhocSearchTopic num="501">
                <textDescription text="Find shots of a dog"/>
              </videoAdhocSearchTopic>
            </videoAdhocSearchTopics>
            """);
        var ids = Path.Combine(folder, "ids.tsv");
        await File.WriteAllTextAsync(ids, $"{library.Video(library.DogPath).Str("id")}\tHVC001\n");
        var run = Path.Combine(folder, "run.txt");

        var result = await library.RunAsync("med", "avs", "--topics", topics, "--ids", ids, "--out", run);

        Assert.True(result.ExitCode == 0, result.ToString());
        var first = (await File.ReadAllLinesAsync(run))[0];
        Assert.Matches(@"^501 0 shotHVC001_[1-9][0-9]* 1 \S+ CBVR_AVS$", first);
    }

    [Theory]
    [InlineData("topics.tsv", "101\tdog\n102\telephant\nno tab on this line\n", "line 3")]
    [InlineData("topics.tsv", "101\tdog\n101\tcat\n", "line 2")]
    [InlineData("topics.xml", "<videoAdhocSearchTopics>\n<videoAdhocSearchTopic num=\"1\">\n<textDescription/>\n</videoAdhocSearchTopic>\n</videoAdhocSearchTopics>\n", "line 3")]
    [InlineData("topics.xml", "<videoAdhocSearchTopics>\n<videoAdhocSearchTopic num=\"1\">\n</videoAdhocSearchTopics>\n", "line 3")]
    public async Task MalformedTopics_ExitWith2NamingTheLine(string name, string content, string where)
    {
        var folder = TestMedia.NewFolder();
        var topics = Path.Combine(folder, name);
        await File.WriteAllTextAsync(topics, content);

        var result = await library.RunAsync("med", "avs", "--topics", topics, "--out", Path.Combine(folder, "run.txt"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{topics}: {where}:", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "run.txt")));
    }

    [GeneratedRegex(@"^(?<topic>\S+) 0 shot(?<video>\S+)_(?<shot>[1-9][0-9]*) (?<rank>[1-9][0-9]*) (?<score>-?[0-9]+(\.[0-9]+)?(E[-+]?[0-9]+)?) TEST_RUN$")]
    private static partial Regex RunLine();
}
