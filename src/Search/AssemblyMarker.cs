namespace Cbvr.Search;
