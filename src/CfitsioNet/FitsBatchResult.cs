using System;
using System.Collections.Generic;

namespace CfitsioNet;

/// <summary>What reading one file of a batch gave: the pixels and their shape, or the error that file raised.</summary>
/// <typeparam name="T">The element type read.</typeparam>
public sealed class FitsBatchResult<T>
    where T : unmanaged
{
    private readonly T[]? _pixels;
    private readonly long[]? _shape;

    internal FitsBatchResult(int position, string path, int hduIndex, T[] pixels, long[] shape)
    {
        Position = position;
        Path = path;
        HduIndex = hduIndex;
        _pixels = pixels;
        _shape = shape;
    }

    internal FitsBatchResult(int position, string path, Exception error)
    {
        Position = position;
        Path = path;
        HduIndex = -1;
        Error = error;
    }

    /// <summary>Position of the file in the batch, from 0; results come back in this order.</summary>
    public int Position { get; }

    /// <summary>The path as given.</summary>
    public string Path { get; }

    /// <summary>The HDU read (-1 when the file failed before one was chosen or opened).</summary>
    public int HduIndex { get; }

    /// <summary>Whether the file was read.</summary>
    public bool Succeeded => Error is null;

    /// <summary>Why the file could not be read (<see cref="System.IO.FileNotFoundException"/>, <see cref="FitsException"/>, ...), or null.</summary>
    public Exception? Error { get; }

    /// <summary>The pixels in C order, or null when the file failed.</summary>
    public T[]? Pixels => _pixels;

    /// <summary>The image shape in C order (slowest axis first), or null when the file failed.</summary>
    public IReadOnlyList<long>? Shape => _shape;

    /// <summary>The pixels, or the file's error rethrown.</summary>
    /// <returns>The pixels in C order.</returns>
    /// <exception cref="AggregateException">The file failed; the inner exception is <see cref="Error"/>.</exception>
    public T[] GetPixelsOrThrow() => _pixels ?? throw new AggregateException($"Reading '{Path}' failed: {Error!.Message}", Error!);

    /// <inheritdoc/>
    public override string ToString() => Succeeded
        ? $"{Path}: HDU {HduIndex} [{string.Join(", ", _shape!)}]"
        : $"{Path}: {Error!.GetType().Name}: {Error.Message}";
}
