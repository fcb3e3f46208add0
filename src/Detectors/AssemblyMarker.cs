namespace Cbvr.Detectors;
