namespace Cbvr.Features;
