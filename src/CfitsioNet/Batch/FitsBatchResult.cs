using System;

namespace CfitsioNet;

/// <summary>What reading one file of a batch gave: the pixels and their shape, or the error that file raised.</summary>
/// <typeparam name="T">The element type read.</typeparam>
public sealed class FitsBatchResult<T> : FitsBatchFile
    where T : unmanaged
{
    private readonly T[]? _pixels;

    internal FitsBatchResult(int position, string path, int hduIndex, T[] pixels, long[] shape)
        : base(position, path, hduIndex, shape)
    {
        _pixels = pixels;
    }

    internal FitsBatchResult(int position, string path, Exception error)
        : base(position, path, error)
    {
    }

    /// <summary>The pixels in C order, or null when the file failed.</summary>
    public T[]? Pixels => _pixels;

    /// <summary>The pixels, or the file's error rethrown.</summary>
    /// <returns>The pixels in C order.</returns>
    /// <exception cref="AggregateException">The file failed; the inner exception is <see cref="FitsBatchFile.Error"/>.</exception>
    public T[] GetPixelsOrThrow() => _pixels ?? throw Failure();
}
