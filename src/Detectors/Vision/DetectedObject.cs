namespace Cbvr.Detectors.Vision;

/// <summary>One object found in an image: its concept id (<c>coco:dog</c>), class name, confidence in [0,1] and box in image pixels.</summary>
public sealed record DetectedObject(string Concept, string Label, float Score, BoxF Box);
