using System;
using System.Runtime.InteropServices;

namespace CfitsioNet;

/// <summary>
/// A validated box of pixels to read: per axis in C order, a 0-based inclusive start, a step and a count. The one
/// place where the public C-order, 0-based, end-exclusive form becomes CFITSIO's Fortran-order, 1-based, inclusive one.
/// </summary>
internal sealed class PixelRegion
{
    private PixelRegion(long[] start, long[] step, long[] shape, long count)
    {
        Start = start;
        Step = step;
        Shape = shape;
        Count = count;
    }

    /// <summary>First pixel per axis, C order, 0-based.</summary>
    internal long[] Start { get; }

    /// <summary>Step per axis, C order, at least 1.</summary>
    internal long[] Step { get; }

    /// <summary>Number of pixels per axis, C order, at least 1: the shape of the result.</summary>
    internal long[] Shape { get; }

    /// <summary>Number of pixels in the region.</summary>
    internal long Count { get; }

    /// <summary>
    /// Validates a NumPy-style box <c>[start, end)</c> with <paramref name="step"/> (all C order; an empty
    /// <paramref name="step"/> means 1 on every axis) against <paramref name="imageShape"/>.
    /// </summary>
    internal static PixelRegion Create(ReadOnlySpan<long> imageShape, ReadOnlySpan<long> start, ReadOnlySpan<long> end, ReadOnlySpan<long> step)
    {
        int rank = imageShape.Length;
        if (rank == 0)
        {
            throw new ArgumentException("The image has no axes (NAXIS = 0), so it has no regions.", nameof(start));
        }

        if (start.Length != rank)
        {
            throw new ArgumentException($"start has {start.Length} coordinates but the image has {rank} axes.", nameof(start));
        }

        if (end.Length != rank)
        {
            throw new ArgumentException($"end has {end.Length} coordinates but the image has {rank} axes.", nameof(end));
        }

        if (!step.IsEmpty && step.Length != rank)
        {
            throw new ArgumentException($"step has {step.Length} values but the image has {rank} axes (or leave it empty for 1).", nameof(step));
        }

        long[] first = start.ToArray();
        long[] steps = new long[rank];
        long[] shape = new long[rank];
        long count = 1;
        for (int axis = 0; axis < rank; axis++)
        {
            long length = imageShape[axis];
            string name = $"axis {axis} (NAXIS{rank - axis}, length {length})";
            if (start[axis] < 0 || start[axis] >= length)
            {
                throw new ArgumentOutOfRangeException(nameof(start), start[axis], $"start on {name} must be in 0..{length - 1}.");
            }

            if (end[axis] <= start[axis] || end[axis] > length)
            {
                throw new ArgumentOutOfRangeException(nameof(end), end[axis], $"end on {name} must be in {start[axis] + 1}..{length} (exclusive bound after start {start[axis]}).");
            }

            steps[axis] = step.IsEmpty ? 1 : step[axis];
            if (steps[axis] < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(step), steps[axis], $"step on {name} must be at least 1.");
            }

            shape[axis] = ((end[axis] - start[axis] - 1) / steps[axis]) + 1;
            count *= shape[axis];
        }

        return new PixelRegion(first, steps, shape, count);
    }

    /// <summary>The region as CFITSIO's 1-based inclusive corners and increments, Fortran order, in C <c>long</c>s.</summary>
    internal unsafe void ToFortran(CLong* first, CLong* last, CLong* step)
    {
        int rank = Shape.Length;
        for (int axis = 0; axis < rank; axis++)
        {
            int fortran = rank - 1 - axis;
            long lastIndex = Start[axis] + ((Shape[axis] - 1) * Step[axis]);
            first[fortran] = new CLong(checked((nint)(Start[axis] + 1)));
            last[fortran] = new CLong(checked((nint)(lastIndex + 1)));
            step[fortran] = new CLong(checked((nint)Step[axis]));
        }
    }
}
