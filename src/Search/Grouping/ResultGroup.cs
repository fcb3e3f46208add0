namespace Cbvr.Search.Grouping;

/// <summary>A group of hits for browsing, named by the concepts that set it apart from the other hits.</summary>
/// <param name="Id">0.. in order of the group's best-ranked member.</param>
/// <param name="Label">Display names of <paramref name="LabelConcepts"/> joined by ", ", or "misc".</param>
/// <param name="LabelConcepts">Up to three concept ids, most distinctive first.</param>
/// <param name="Members">The hits in rank order.</param>
public sealed record ResultGroup(int Id, string Label, IReadOnlyList<string> LabelConcepts, IReadOnlyList<GroupMember> Members);
