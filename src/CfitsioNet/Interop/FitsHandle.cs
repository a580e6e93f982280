using System;
using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>
/// Owns one CFITSIO <c>fitsfile*</c>. Releasing the handle closes the file, so a file the user forgets to
/// dispose is still closed by the finalizer.
/// </summary>
internal sealed class FitsHandle : SafeHandle
{
    /// <summary>Called by the interop marshaller for <c>out FitsHandle</c> parameters.</summary>
    public FitsHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of <paramref name="file"/>, opened after this handle was made (a deferred open). Once only.</summary>
    /// <param name="file">A <c>fitsfile*</c> from <c>ffdkopn</c>.</param>
    internal void Attach(IntPtr file)
    {
        if (!IsInvalid || IsClosed)
        {
            throw new InvalidOperationException("The handle already holds a file, or was closed.");
        }

        SetHandle(file);
    }

    /// <summary>
    /// Closes the CFITSIO file this handle holds and takes <paramref name="file"/> in its place (update mode reopens the
    /// file after writing it itself, or moves to its temporary copy). Call under the file's lock, with no call in flight.
    /// </summary>
    /// <exception cref="FitsException">Closing the old file failed (the handle holds <paramref name="file"/> all the same).</exception>
    internal void Swap(IntPtr file, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.Close(handle, ref status);
        SetHandle(file);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Status CFITSIO returned when the handle was released (0 when it closed cleanly).</summary>
    internal int CloseStatus { get; private set; }

    /// <summary>
    /// Memory CFITSIO reads or writes through this handle (a file opened from memory or created in memory): disposed
    /// right after <c>ffclos</c>, never before, so CFITSIO never touches freed or unpinned memory.
    /// </summary>
    internal IDisposable? Storage { get; set; }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        int status = 0;
        Cfitsio.Close(handle, ref status);
        CloseStatus = status;
        Storage?.Dispose();
        Storage = null;
        return status == 0;
    }
}
