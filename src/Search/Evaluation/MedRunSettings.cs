using System.Globalization;

namespace Cbvr.Search.Evaluation;

/// <summary>
/// What a MED run does: the condition (0Ex, 1Ex, 10Ex, 100Ex), self-paced reranking (the PRF of TRECVID run names), a single
/// modality, the team and run number of the run id, and how many top hits get a recounting.
/// </summary>
public sealed record MedRunSettings(string Condition, bool Rerank = false, string Team = "CBVR", string? Modality = null, int RunNumber = 1, int RecountingHits = 20)
{
    /// <summary>
    /// The TRECVID MED14 run id, as the published runs name themselves (e.g. NII_MED14_noPRF_MED14Full_AH_010Ex_1):
    /// TEAM_MED14_{noPRF|PRF}[-MODALITY]_SEARCHSET_AH_{000|001|010|100}Ex_RUN. SEARCHSET is the kit folder's name with only
    /// letters and digits; the task is AH (ad hoc: the collection's metadata is built without knowing the events). 1Ex is not an
    /// official MED14 condition; it is written 001Ex, in the same pattern.
    /// </summary>
    public string RunId(string kitFolder)
    {
        var searchSet = new string([.. Path.GetFileName(Path.TrimEndingDirectorySeparator(kitFolder)).Where(char.IsAsciiLetterOrDigit)]);
        var system = (Rerank ? "PRF" : "noPRF") + (Modality is null ? "" : "-" + Clean(Modality));
        return string.Create(CultureInfo.InvariantCulture, $"{Clean(Team)}_MED14_{system}_{(searchSet.Length > 0 ? searchSet : "MEDTest")}_AH_{MedKit.ExampleCount(Condition):000}Ex_{RunNumber}");
    }

    private static string Clean(string text) =>
        new string([.. text.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-')]) is { Length: > 0 } clean ? clean : throw new ArgumentException($"\"{text}\" has no letters or digits for a run id");
}
