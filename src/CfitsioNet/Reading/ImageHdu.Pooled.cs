using System;

namespace CfitsioNet;

/// <summary>Reads into buffers from a <see cref="NativeBufferPool"/>.</summary>
public sealed partial class ImageHdu
{
    /// <summary>
    /// Reads every pixel into a buffer rented from <paramref name="pool"/>, shaped like the image (C order). Disposing
    /// the buffer gives its memory back to the pool, so the next read of a same-size image lands in pages that are
    /// already faulted in.
    /// </summary>
    /// <typeparam name="T">The image's natural element type.</typeparam>
    /// <param name="pool">Where the memory comes from and returns to.</param>
    /// <param name="options">Scaling and conversion options; <see cref="ReadOptions.Default"/> when omitted.</param>
    /// <returns>A buffer the caller owns until it disposes it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pool"/> is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a pixel type.</exception>
    /// <exception cref="InvalidCastException">Converting to <typeparamref name="T"/> could lose values and <see cref="ReadOptions.AllowLossy"/> is not set.</exception>
    /// <exception cref="ObjectDisposedException">The pool has been disposed.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels.</exception>
    public NativeBuffer<T> ReadNative<T>(NativeBufferPool pool, ReadOptions options = default)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(pool);
        ImageInfo info = Info;
        PlanRead<T>(info, options);
        EnsureDataInFile(info); // before a buffer is sized from the header
        NativeBuffer<T> buffer = pool.Rent<T>(info.ShapeSpan);
        try
        {
            Read(buffer, options);
            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }
}
