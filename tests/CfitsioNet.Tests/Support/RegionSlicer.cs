using System.Collections.Generic;

namespace CfitsioNet.Tests.Support;

/// <summary>Cuts a region out of a whole image in C order, independently of the library's region code.</summary>
internal static class RegionSlicer
{
    internal static T[] Slice<T>(T[] whole, long[] shape, long[] start, long[] end, long[] step)
    {
        var result = new List<T>();
        var index = new long[shape.Length];
        Visit(0, 0);
        return result.ToArray();

        void Visit(int axis, long offset)
        {
            if (axis == shape.Length)
            {
                result.Add(whole[offset]);
                return;
            }

            long stride = 1;
            for (int k = axis + 1; k < shape.Length; k++)
            {
                stride *= shape[k];
            }

            for (long i = start[axis]; i < end[axis]; i += step[axis])
            {
                index[axis] = i;
                Visit(axis + 1, offset + (i * stride));
            }
        }
    }
}
