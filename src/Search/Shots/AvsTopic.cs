namespace Cbvr.Search.Shots;

/// <summary>An ad-hoc search topic: its number (the run file's TOPIC column) and its text.</summary>
/// <param name="Id">Topic number or name, without white space ("501").</param>
/// <param name="Text">What to find ("Find shots of a person playing guitar outdoors").</param>
/// <param name="Line">Line of the topics file the topic starts on.</param>
public sealed record AvsTopic(string Id, string Text, int Line);
