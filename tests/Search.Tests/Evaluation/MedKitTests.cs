using Cbvr.Search.Evaluation;
using Cbvr.Search.Evaluation.Med14;
using Cbvr.Tests;

namespace Cbvr.Search.Tests.Evaluation;

public sealed class MedKitTests
{
    [Fact]
    public void Load_AValidKit_WithCrlfUnquotedFieldsAndBlankLines_ReadsEverything()
    {
        var kit = MedKit.Load(Kit(("TrialIndex.csv", "TrialID,ClipID,EventID\r\nC1.E1,C1,E1\r\n\r\n\"C2.E1\",\"C2\",\"E1\"\r\nC1.E2,C1,E2\r\nC2.E2,C2,E2\r\n")));

        Assert.Equal(["E1", "E2"], kit.Events.Select(e => e.Id));
        Assert.Equal("Dog show", kit.Events[1].Name);
        Assert.Contains("a dog", kit.Events[0].Text, StringComparison.Ordinal);
        Assert.Equal(4, kit.Trials.Count);
        Assert.Equal(["0Ex", "1Ex"], kit.Conditions);
        Assert.EndsWith(Path.Combine("clips", "X1.mp4"), Assert.Single(kit.ExampleFiles("E1", "1Ex")), StringComparison.Ordinal);
        Assert.Empty(kit.ExampleFiles("E1", "0Ex"));
        Assert.True(kit.HasTruth);
        Assert.Equal([("C1", "E1"), ("C2", "E2")], kit.Positives.Order());
    }

    [Fact]
    public void Load_AnUnterminatedQuote_NamesTheFileAndLine()
    {
        var e = Assert.Throws<InvalidDataException>(() => MedKit.Load(Kit(("ClipMD.csv", "\"ClipID\",\"MEDIA_FILE\"\n\"C1\",\"clips/C1.mp4\"\n\"C2,\"clips/C2.mp4\"\n"))));

        Assert.Contains("ClipMD.csv: line 3: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ARefTargThatIsNotYOrN_NamesTheLine()
    {
        var e = Assert.Throws<InvalidDataException>(() => MedKit.Load(Kit(("Ref.csv", "TrialID,Targ\nC1.E1,y\n\nC2.E1,yes\n"))));

        Assert.Contains("Ref.csv: line 4: Targ \"yes\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AnExampleListWithTooFewFields_NamesTheLine()
    {
        var e = Assert.Throws<InvalidDataException>(() => MedKit.Load(Kit(("Examples_1Ex.csv", "EventID,ClipID,MEDIA_FILE\nE1,X1,clips/X1.mp4\nE2,X2\n"))));

        Assert.Contains("Examples_1Ex.csv: line 3: 2 fields where the header has 3", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("C9.E1,C9,E1", "clip C9 is not in ClipMD.csv")]
    [InlineData("C1.E7,C1,E7", "event E7 is not in EventDB.csv")]
    [InlineData("C2.E1,C1,E1", "TrialID \"C2.E1\" is not ClipID.EventID")]
    [InlineData("C1.E1,C1,E1", "trial C1.E1 is listed twice")]
    public void Load_AnInconsistentTrialIndex_NamesTheLineAndTheReason(string row, string reason)
    {
        var e = Assert.Throws<InvalidDataException>(() => MedKit.Load(Kit(("TrialIndex.csv", $"TrialID,ClipID,EventID\nC1.E1,C1,E1\n\n{row}\n"))));

        Assert.Contains("TrialIndex.csv: line 4: " + reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AClipWhoseMediaFileIsMissing_IsRefused()
    {
        var e = Assert.Throws<InvalidDataException>(() => MedKit.Load(Kit(("ClipMD.csv", "ClipID,MEDIA_FILE\nC1,clips/C1.mp4\nC3,clips/none.mp4\n"))));

        Assert.Contains("ClipMD.csv: line 3: media file clips/none.mp4 not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireCondition_AConditionTheKitLacks_NamesTheMissingFile()
    {
        var kit = MedKit.Load(Kit());

        var e = Assert.Throws<InvalidDataException>(() => kit.RequireCondition("10Ex"));

        Assert.Contains("Examples_10Ex.csv: file not found", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => kit.ExampleFiles("E1", "100Ex"));
        kit.RequireCondition("1Ex");
    }

    [Fact]
    public void Rank_RanksEveryTrialOnce_ScoresInUnitIntervalNonIncreasing_MissingClipsLast()
    {
        var trials = Enumerable.Range(0, 30).Select(i => new TrialRow($"C{i:00}.E1", $"C{i:00}", "E1")).ToList();
        (double, int)? Raw(TrialRow t) => int.Parse(t.ClipId[1..], System.Globalization.CultureInfo.InvariantCulture) is var i && i % 7 == 3 ? null : (i == 5 ? 100.0 : -i, i);

        var (rows, detectionThreshold, rankThreshold) = MedRunScores.Rank(trials, Raw);

        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), rows.Select(r => r.Rank));
        Assert.Equal(trials.Select(t => t.TrialId).Order(StringComparer.Ordinal), rows.Select(r => r.TrialId).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.InRange(r.Score, 0, 1));
        Assert.True(rows.Zip(rows.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.Equal("C05.E1", rows[0].TrialId);
        Assert.Equal(["C03.E1", "C10.E1", "C17.E1", "C24.E1"], rows.TakeLast(4).Select(r => r.TrialId));
        Assert.All(rows.TakeLast(4), r => Assert.Equal(0, r.Score));

        // Only C05 is an outlier (z >= 2): it alone is returned, at its own score.
        Assert.Equal(2, rankThreshold);
        Assert.Equal(rows[0].Score, detectionThreshold);
    }

    [Theory]
    [InlineData("0Ex", false, null, "CBVR_MED14_noPRF_medkit_AH_000Ex_1")]
    [InlineData("1Ex", true, null, "CBVR_MED14_PRF_medkit_AH_001Ex_1")]
    [InlineData("10Ex", false, "concepts", "CBVR_MED14_noPRF-concepts_medkit_AH_010Ex_1")]
    public void RunId_FollowsTheMed14Pattern(string condition, bool rerank, string? modality, string expected)
    {
        Assert.Equal(expected, new MedRunSettings(condition, rerank, Modality: modality).RunId("/tmp/med_kit/"));
    }

    /// <summary>A small valid kit (2 events, 2 clips, 1Ex examples, Ref) with <paramref name="replace"/>d files.</summary>
    private static string Kit(params (string File, string Text)[] replace)
    {
        var folder = TestMedia.NewFolder("cbvr-medkit-");
        Directory.CreateDirectory(Path.Combine(folder, "clips"));
        Directory.CreateDirectory(Path.Combine(folder, "events"));
        foreach (var clip in new[] { "C1", "C2", "X1", "X2" })
        {
            File.WriteAllBytes(Path.Combine(folder, "clips", clip + ".mp4"), [0]);
        }

        var files = new Dictionary<string, string>
        {
            ["EventDB.csv"] = "\"EventID\",\"EventName\"\n\"E1\",\"Dog_walk\"\n\"E2\",\"Dog_show\"\n",
            ["events/E1.txt"] = "Dog walk: a dog is walked on a leash\n",
            ["ClipMD.csv"] = "\"ClipID\",\"MEDIA_FILE\"\n\"C1\",\"clips/C1.mp4\"\n\"C2\",\"clips/C2.mp4\"\n",
            ["Examples_1Ex.csv"] = "\"EventID\",\"ClipID\",\"MEDIA_FILE\"\n\"E1\",\"X1\",\"clips/X1.mp4\"\n\"E2\",\"X2\",\"clips/X2.mp4\"\n",
            ["TrialIndex.csv"] = "TrialID,ClipID,EventID\nC1.E1,C1,E1\nC2.E1,C2,E1\nC1.E2,C1,E2\nC2.E2,C2,E2\n",
            ["Ref.csv"] = "TrialID,Targ\nC1.E1,y\nC2.E1,n\nC1.E2,n\nC2.E2,y\n",
        };
        foreach (var (file, text) in replace)
        {
            files[file] = text;
        }

        foreach (var (file, text) in files)
        {
            File.WriteAllText(Path.Combine(folder, file), text);
        }

        return folder;
    }
}
