using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace CfitsioNet.Tables;

/// <summary>
/// Parses TDIMn (<c>'(l,m,n...)'</c>, FITS 4.0, 7.3.2) and checks it against the column's repeat count as CFITSIO's
/// <c>ffdtdm</c> does: for a fixed-width column the axes must multiply to exactly the repeat (CFITSIO refuses a smaller
/// product too, which the standard would allow); axes may be 0, never negative.
/// </summary>
internal static class TdimParser
{
    /// <summary>More axes than this is refused (CFITSIO reads at most 99 for a cell).</summary>
    internal const int MaxAxes = 99;

    /// <summary>
    /// The cell shape in C order (last FITS axis first) of a column with this TDIM; <paramref name="repeat"/> is checked
    /// when <paramref name="variableLength"/> is false (for P/Q columns TDIM describes each array, whose length varies).
    /// </summary>
    internal static bool TryParse(ReadOnlySpan<char> text, long repeat, bool variableLength, [NotNullWhen(true)] out long[]? shape,
                                  [NotNullWhen(false)] out string? error)
    {
        shape = null;
        ReadOnlySpan<char> value = text.Trim(' ');
        if (value.Length < 2 || value[0] != '(' || value[^1] != ')')
        {
            error = "is not of the form '(n1,n2,...)'";
            return false;
        }

        var axes = new List<long>();
        ReadOnlySpan<char> rest = value[1..^1];
        while (true)
        {
            int comma = rest.IndexOf(',');
            ReadOnlySpan<char> part = (comma < 0 ? rest : rest[..comma]).Trim(' ');
            if (part.IsEmpty)
            {
                error = "has an empty axis length";
                return false;
            }

            if (part[0] == '-')
            {
                error = $"has a negative axis length ({part.ToString()})";
                return false;
            }

            long length = 0;
            foreach (char c in part)
            {
                if (c is < '0' or > '9')
                {
                    error = $"has an axis length that is not a whole number ('{part.ToString()}')";
                    return false;
                }

                if (length > (long.MaxValue - 9) / 10)
                {
                    error = $"has an axis length too large ('{part.ToString()}')";
                    return false;
                }

                length = (length * 10) + (c - '0');
            }

            axes.Add(length);
            if (axes.Count > MaxAxes)
            {
                error = $"has more than {MaxAxes} axes";
                return false;
            }

            if (comma < 0)
            {
                break;
            }

            rest = rest[(comma + 1)..];
        }

        long product = 1;
        foreach (long length in axes)
        {
            if (length != 0 && product > long.MaxValue / length)
            {
                error = "describes more elements than any row can hold";
                return false;
            }

            product *= length;
        }

        if (!variableLength && product != repeat)
        {
            error = $"describes {product} elements, but the column's repeat count is {repeat}";
            return false;
        }

        axes.Reverse();
        shape = [.. axes];
        error = null;
        return true;
    }
}
