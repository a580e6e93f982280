using System;
using System.Buffers.Binary;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>Random-groups primary arrays: recognised in <see cref="Info"/>, refused by the image reads, read by <see cref="ReadGroups"/>.</summary>
public sealed partial class ImageHdu
{
    /// <summary>
    /// Reads every group of a random-groups primary array (see <see cref="ImageInfo.IsRandomGroups"/>): parameters with
    /// PSCALn/PZEROn applied and named by PTYPEn, arrays with BSCALE/BZERO applied (BLANK to NaN), all as doubles.
    /// </summary>
    /// <returns>The groups, in file order.</returns>
    /// <exception cref="InvalidOperationException">The HDU is not a random-groups primary array.</exception>
    /// <exception cref="NotSupportedException">The groups take more than <see cref="Array.MaxLength"/> bytes.</exception>
    /// <exception cref="FitsException">The file ends before the groups do, or CFITSIO could not read them.</exception>
    public RandomGroups ReadGroups()
    {
        ImageInfo info = Info;
        if (!info.IsRandomGroups)
        {
            throw new InvalidOperationException(
                $"HDU {Index} of '{File.FileName}' is not a random-groups array (GROUPS = T and NAXIS1 = 0 in the primary header); read it with Read<T>().");
        }

        int size = Math.Abs(info.Bitpix) / 8;
        long[] groupShape = info.ShapeSpan[..^1].ToArray();
        long groupLength = 1;
        foreach (long length in groupShape)
        {
            groupLength *= length; // bounded by ReadGroupCounts
        }

        long values = info.GroupCount * (info.ParameterCount + groupLength);
        if (values * size > Array.MaxLength)
        {
            throw new NotSupportedException(
                $"The {info.GroupCount} random groups of '{File.FileName}' take {values * size} bytes, more than one array can hold.");
        }

        HduLayout layout = Layout;
        if (layout.DataEnd - layout.DataStart < values * size)
        {
            throw new FitsException(
                $"The header describes {info.GroupCount} random groups of {values / Math.Max(info.GroupCount, 1) * size} bytes, but the data unit holds {layout.DataEnd - layout.DataStart} bytes.",
                File.FileName, "read random groups", Index);
        }

        byte[] raw = GC.AllocateUninitializedArray<byte>((int)(values * size));
        ReadDataBytes(0, raw);

        Header header = Header;
        int pcount = info.ParameterCount;
        var names = new string[pcount];
        var pscal = new double[pcount];
        var pzero = new double[pcount];
        for (int p = 0; p < pcount; p++)
        {
            names[p] = header.GetStringOrNull($"PTYPE{p + 1}")?.TrimEnd(' ') ?? string.Empty;
            pscal[p] = header.TryGet($"PSCAL{p + 1}", out double scale) ? scale : 1.0;
            pzero[p] = header.TryGet($"PZERO{p + 1}", out double zero) ? zero : 0.0;
        }

        int groups = (int)info.GroupCount;
        var parameters = new double[groups * pcount];
        var data = new double[groups * groupLength];
        long? blank = info.Bitpix > 0 ? info.Blank : null;
        int at = 0;
        for (int g = 0; g < groups; g++)
        {
            for (int p = 0; p < pcount; p++, at++)
            {
                parameters[(g * pcount) + p] = pzero[p] + (pscal[p] * Stored(raw, at, info.Bitpix, out _));
            }

            for (long i = 0; i < groupLength; i++, at++)
            {
                double stored = Stored(raw, at, info.Bitpix, out long integer);
                data[(g * groupLength) + i] = blank == integer && info.Bitpix > 0 ? double.NaN : info.Bzero + (info.Bscale * stored);
            }
        }

        return new RandomGroups(names, groupShape, groups, parameters, data);
    }

    /// <summary>Stored value <paramref name="index"/> of big-endian data, as a double and (for integer data) as it is.</summary>
    private static double Stored(byte[] raw, int index, int bitpix, out long integer)
    {
        integer = 0;
        ReadOnlySpan<byte> bytes = raw.AsSpan(index * (Math.Abs(bitpix) / 8));
        switch (bitpix)
        {
            case 8: integer = bytes[0]; return integer;
            case 16: integer = BinaryPrimitives.ReadInt16BigEndian(bytes); return integer;
            case 32: integer = BinaryPrimitives.ReadInt32BigEndian(bytes); return integer;
            case 64: integer = BinaryPrimitives.ReadInt64BigEndian(bytes); return integer;
            case -32: return BinaryPrimitives.ReadSingleBigEndian(bytes);
            default: return BinaryPrimitives.ReadDoubleBigEndian(bytes);
        }
    }

    /// <summary>GCOUNT and PCOUNT of a random-groups primary header, checked. Call under the lock, from <see cref="ReadInfo"/>.</summary>
    private (long GroupCount, int ParameterCount) ReadGroupCounts(FitsHandle handle, long[] shape, int bitpix)
    {
        const string operation = "read random groups parameters";
        long pcount = ReadOptionalLong(handle, "PCOUNT") ?? 0;
        long gcount = ReadOptionalLong(handle, "GCOUNT") ?? 1;
        if (pcount is < 0 or > int.MaxValue || gcount < 0)
        {
            throw new FitsException($"Random groups with PCOUNT = {pcount} and GCOUNT = {gcount}: both must be non-negative.", File.FileName, operation, Index);
        }

        long groupLength = 1;
        foreach (long length in shape.AsSpan(0, shape.Length - 1))
        {
            groupLength = length == 0 || groupLength <= long.MaxValue / length ? groupLength * length : -1;
            if (groupLength < 0)
            {
                break;
            }
        }

        long bytes = Math.Abs(bitpix) / 8;
        if (groupLength < 0 || pcount + groupLength < 0 || (gcount != 0 && (pcount + groupLength) > long.MaxValue / bytes / gcount))
        {
            throw new FitsException(
                $"The random groups ({gcount} groups of {pcount} parameters and [{string.Join(", ", shape[..^1])}] values) describe more than 2^63 bytes.",
                File.FileName, operation, Index);
        }

        return (gcount, (int)pcount);
    }

    /// <summary>The exception every image read of a random-groups array gets: it has no image pixels to return.</summary>
    private FitsException RandomGroupsRefused(ImageInfo info) => new(
        $"HDU {Index} holds random groups (GROUPS = T, NAXIS1 = 0): {info.GroupCount} groups of {info.ParameterCount} parameters " +
        $"and [{string.Join(", ", info.ShapeSpan[..^1].ToArray())}] values each, not an image; the image reads would return no pixels. Read the groups with ReadGroups().",
        File.FileName, "read pixels", Index);
}
