namespace Cbvr.Features.Models;

/// <summary>A model that cannot be used: missing, corrupt, wrong hash, or an unusable manifest. The message names the model and file.</summary>
public sealed class ModelException(string message, Exception? inner = null) : Exception(message, inner);
