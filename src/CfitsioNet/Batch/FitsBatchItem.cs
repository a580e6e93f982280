using System;

namespace CfitsioNet;

/// <summary>
/// One file of a streamed or caller-memory batch (<see cref="FitsBatch.ReadAsync{T}"/>, <see cref="FitsBatch.ForEach{T}"/>,
/// <see cref="FitsBatch.ReadInto{T}"/>): the pixels in pooled or caller-provided memory and their shape, or the error
/// that file raised. Disposing the item gives a pooled buffer back to its pool; the pixels must not be used after that.
/// </summary>
/// <typeparam name="T">The element type read.</typeparam>
public sealed class FitsBatchItem<T> : FitsBatchFile, IDisposable
    where T : unmanaged
{
    private NativeBuffer<T>? _buffer;
    private Memory<T> _pixels;
    private bool _disposed;

    internal FitsBatchItem(int position, string path, int hduIndex, long[] shape, NativeBuffer<T>? buffer, Memory<T> pixels)
        : base(position, path, hduIndex, shape)
    {
        _buffer = buffer;
        _pixels = pixels;
    }

    internal FitsBatchItem(int position, string path, Exception error)
        : base(position, path, error)
    {
    }

    /// <summary>
    /// The pooled buffer holding the pixels (shaped like the image), or null when the file failed or the batch read
    /// into caller-provided memory. Owned by this item: dispose the item, not the buffer.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The item has been disposed.</exception>
    public NativeBuffer<T>? Buffer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _buffer;
        }
    }

    /// <summary>The pixels in C order (pooled or caller-provided memory); empty when the file failed.</summary>
    /// <exception cref="ObjectDisposedException">The item has been disposed.</exception>
    public Memory<T> Pixels
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _pixels;
        }
    }

    /// <summary>The pixels, or the file's error wrapped in an <see cref="AggregateException"/>.</summary>
    /// <returns>The same memory as <see cref="Pixels"/>.</returns>
    /// <exception cref="AggregateException">The file could not be read; the inner exception is <see cref="FitsBatchFile.Error"/>.</exception>
    /// <exception cref="ObjectDisposedException">The item has been disposed.</exception>
    public Memory<T> GetPixelsOrThrow() => Succeeded ? Pixels : throw Failure();

    /// <summary>Gives a pooled buffer back to its pool. The pixels must not be used afterwards.</summary>
    public void Dispose()
    {
        _disposed = true;
        _pixels = default;
        _buffer?.Dispose();
        _buffer = null;
    }
}
