using Microsoft.Win32.SafeHandles;

namespace Cbvr.Search.Vectors;

/// <summary>Owns a native USearch index and frees it exactly once.</summary>
internal sealed unsafe class UsearchHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public UsearchHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Creates an index (or an empty shell to load into when <paramref name="options"/> is null).</summary>
    public static UsearchHandle Create(UsearchNative.InitOptions? options)
    {
        nint error = 0;
        nint index;
        if (options is { } value)
        {
            index = UsearchNative.Init(&value, &error);
        }
        else
        {
            index = UsearchNative.Init(null, &error);
        }
        var handle = new UsearchHandle();
        handle.SetHandle(index);
        if (error != 0 || index == 0)
        {
            handle.Dispose();
            UsearchNative.Check(error, "init");
            throw new InvalidOperationException("USearch init returned no index");
        }
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        nint error = 0;
        UsearchNative.Free(handle, &error);
        return error == 0;
    }
}
