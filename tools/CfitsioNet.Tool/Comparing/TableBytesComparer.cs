using System;
using System.Globalization;

namespace CfitsioNet.Tool.Comparing;

/// <summary>
/// Compares the data units of two tables byte for byte (rows and heap, padding excluded), through
/// <see cref="Hdu.ReadDataBytes"/>. Until the table reader lands (issue 13) this is the whole table comparison:
/// tolerances do not apply, and a difference is located by row and byte, not by column.
/// </summary>
internal static class TableBytesComparer
{
    private const int Chunk = 1 << 20;

    public static void Compare(Hdu a, Hdu b, DiffReport report)
    {
        long sizeA = DataSize(a.Header), sizeB = DataSize(b.Header);
        if (sizeA != sizeB)
        {
            report.Difference($"  Table data sizes differ: a {sizeA} bytes, b {sizeB} bytes");
            return;
        }

        long rowLength = a.Header.TryGet("NAXIS1", out long n1) ? n1 : 0;
        long rowBytes = rowLength * (a.Header.TryGet("NAXIS2", out long n2) ? n2 : 0);
        var left = new byte[(int)Math.Min(Chunk, Math.Max(1, sizeA))];
        var right = new byte[left.Length];
        long differing = 0, first = -1;
        for (long offset = 0; offset < sizeA; offset += left.Length)
        {
            int length = (int)Math.Min(left.Length, sizeA - offset);
            a.ReadDataBytes(offset, left.AsSpan(0, length));
            b.ReadDataBytes(offset, right.AsSpan(0, length));
            for (int i = 0; i < length; i++)
            {
                if (left[i] != right[i])
                {
                    first = first < 0 ? offset + i : first;
                    differing++;
                }
            }
        }

        if (differing == 0)
        {
            return;
        }

        string where = first < rowBytes && rowLength > 0
            ? string.Create(CultureInfo.InvariantCulture, $"row {(first / rowLength) + 1}, byte {(first % rowLength) + 1} of the row")
            : string.Create(CultureInfo.InvariantCulture, $"the heap, byte {first - rowBytes + 1}");
        report.Difference(string.Create(CultureInfo.InvariantCulture, $"  Table data differ in {differing} of {sizeA} bytes; the first in {where} (compared as stored bytes)"));
    }

    /// <summary>The data unit's length without padding: |BITPIX| / 8 * GCOUNT * (PCOUNT + NAXIS1 * ... * NAXISn).</summary>
    public static long DataSize(Header header)
    {
        int bitpix = header.TryGet("BITPIX", out int bp) ? bp : 8;
        int naxis = header.TryGet("NAXIS", out int na) ? na : 0;
        long product = naxis == 0 ? 0 : 1;
        for (int i = 1; i <= naxis; i++)
        {
            product *= header.TryGet("NAXIS" + i.ToString(CultureInfo.InvariantCulture), out long length) ? length : 0;
        }

        long pcount = header.TryGet("PCOUNT", out long p) ? p : 0;
        long gcount = header.TryGet("GCOUNT", out long g) ? g : 1;
        return Math.Abs(bitpix) / 8 * gcount * (pcount + product);
    }
}
