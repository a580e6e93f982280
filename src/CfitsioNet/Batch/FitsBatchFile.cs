using System;
using System.Collections.Generic;

namespace CfitsioNet;

/// <summary>
/// What every file of a batch reports, whichever memory its pixels went to: its place in the batch, the HDU and shape
/// read, or the error it raised (<see cref="FitsBatchResult{T}"/>: a new array; <see cref="FitsBatchItem{T}"/>: pooled or
/// caller-provided memory).
/// </summary>
public abstract class FitsBatchFile
{
    private readonly long[]? _shape;

    private protected FitsBatchFile(int position, string path, int hduIndex, long[] shape)
    {
        Position = position;
        Path = path;
        HduIndex = hduIndex;
        _shape = shape;
    }

    private protected FitsBatchFile(int position, string path, Exception error)
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

    /// <summary>Why the file could not be read (<see cref="System.IO.FileNotFoundException"/>, <see cref="FitsException"/>, <see cref="InvalidCastException"/>, ...), or null.</summary>
    public Exception? Error { get; }

    /// <summary>The image shape in C order (slowest axis first), or null when the file failed.</summary>
    public IReadOnlyList<long>? Shape => _shape;

    /// <summary>The path and the HDU and shape read, or the path and the error.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => Succeeded
        ? $"{Path}: HDU {HduIndex} [{string.Join(", ", _shape!)}]"
        : $"{Path}: {Error!.GetType().Name}: {Error.Message}";

    /// <summary>The exception <c>GetPixelsOrThrow</c> throws for a failed file.</summary>
    private protected AggregateException Failure() => new($"Reading '{Path}' failed: {Error!.Message}", Error!);
}
