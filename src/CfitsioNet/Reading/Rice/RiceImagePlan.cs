using System;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.InteropServices;
using CfitsioNet.Interop;
using Microsoft.Win32.SafeHandles;

namespace CfitsioNet.Direct;

/// <summary>
/// How to read a RICE_1 tile-compressed integer image without CFITSIO: the tile grid, the Rice parameters, the
/// natural-type convention, and where every tile's bytes are in the file. Built once per HDU from the keywords as
/// CFITSIO reads them (<c>imcomp_get_compressed_image_par</c>) and the tile descriptors; immutable.
/// </summary>
/// <remarks>
/// The plan exists only where the managed reader provably gives CFITSIO's values: ZCMPTYPE RICE_1, ZBITPIX 8, 16 or
/// 32 with BYTEPIX equal to its width (then CFITSIO's tile type is the image type and its conversion is a copy or an
/// exact sign-bit flip), BSCALE 1 and BZERO 0 or the unsigned offset, no ZSCALE/ZZERO/ZBLANK/BLANK, one table column
/// COMPRESSED_DATA of bytes (1PB or 1QB) without TSCAL/TZERO/TNULL, every tile stored with at least one byte, inside
/// the heap and the file. Anything else: null, and CFITSIO reads.
/// </remarks>
internal sealed unsafe class RiceImagePlan
{
    private const int MaxRank = 3; // CFITSIO refuses pixel reads of compressed images with more axes
    private const long MaxTiles = 1L << 24;

    private RiceImagePlan(long[] axes, long[] tiles, int bytePix, int blockSize, uint xorMask, long[] tileOffsets, int[] tileLengths)
    {
        Axes = axes;
        TileShape = tiles;
        BytePix = bytePix;
        BlockSize = blockSize;
        XorMask = xorMask;
        TileOffsets = tileOffsets;
        TileLengths = tileLengths;
        Geometry = new TileGeometry(axes, tiles);
        MaxTilePixels = (int)Geometry.MaxTilePixels;
    }

    /// <summary>The tiles' counts and boxes.</summary>
    internal TileGeometry Geometry { get; }

    /// <summary>Image axis lengths, FITS order (first axis fastest).</summary>
    internal long[] Axes { get; }

    /// <summary>ZTILEn, FITS order.</summary>
    internal long[] TileShape { get; }

    /// <summary>Bytes per pixel: 1, 2 or 4 (ZVAL2, equal to |ZBITPIX| / 8).</summary>
    internal int BytePix { get; }

    /// <summary>Rice block size (ZVAL1).</summary>
    internal int BlockSize { get; }

    /// <summary>XOR applied to every decoded value: the sign bit for the unsigned (and signed-byte) conventions, else 0.</summary>
    internal uint XorMask { get; }

    /// <summary>File offset of each tile's compressed bytes, in tile order.</summary>
    internal long[] TileOffsets { get; }

    /// <summary>Length of each tile's compressed bytes.</summary>
    internal int[] TileLengths { get; }

    /// <summary>Pixels in the largest tile (a full one, or the whole axis where a ZTILEn is longer than it).</summary>
    internal int MaxTilePixels { get; }

    /// <summary>Number of tiles.</summary>
    internal int TileCount => TileLengths.Length;

    /// <summary>
    /// The plan for the current HDU of <paramref name="handle"/>, or null where the managed reader does not apply.
    /// Call under the file's lock with the HDU entered; CFITSIO error messages of absent keywords are the caller's to clear.
    /// </summary>
    internal static RiceImagePlan? TryCreate(FitsHandle handle, ImageInfo info, SafeFileHandle file)
    {
        // Only reached for files CFITSIO reads from disk (FitsFile.DirectReadAllowed checks its driver once, at open).
        if (!IsRice(String(handle, "ZCMPTYPE")))
        {
            return null;
        }

        long? zbitpix = Long(handle, "ZBITPIX");
        int bytePix = zbitpix switch { 8 => 1, 16 => 2, 32 => 4, _ => 0 };
        if (bytePix == 0 || info.Bitpix != zbitpix || Long(handle, "ZNAXIS") is not long rank || rank != info.Rank || rank < 1 || rank > MaxRank)
        {
            return null;
        }

        // The natural type must be the tile type itself, or its unsigned (signed for bytes) twin by the exact offset.
        double bscale = Double(handle, "BSCALE") ?? 1.0;
        double bzero = Double(handle, "BZERO") ?? 0.0;
        uint? mask = (info.PixelType, bzero) switch
        {
            (PixelType.Byte, 0.0) when bytePix == 1 => 0u,
            (PixelType.SByte, -128.0) when bytePix == 1 => 0x80u,
            (PixelType.Int16, 0.0) when bytePix == 2 => 0u,
            (PixelType.UInt16, 32768.0) when bytePix == 2 => 0x8000u,
            (PixelType.Int32, 0.0) when bytePix == 4 => 0u,
            (PixelType.UInt32, 2147483648.0) when bytePix == 4 => 0x80000000u,
            _ => null,
        };
        if (mask is null || bscale != 1.0 || Present(handle, "ZSCALE") || Present(handle, "ZZERO") || Present(handle, "ZBLANK") || Present(handle, "BLANK"))
        {
            return null;
        }

        // Rice parameters as CFITSIO takes them: ZVAL1 the block size, ZVAL2 bytes per pixel (4 when absent or in
        // the old NOISEBIT layout), the two swapped when the block size is below 16 and BYTEPIX above 8.
        if (Long(handle, "ZVAL1") is not long blockSize)
        {
            return null;
        }

        long zbytePix = string.Equals(String(handle, "ZNAME2"), "NOISEBIT", StringComparison.OrdinalIgnoreCase) ? 4 : Long(handle, "ZVAL2") ?? 4;
        if (blockSize < 16 && zbytePix > 8)
        {
            (blockSize, zbytePix) = (zbytePix, blockSize);
        }

        if (zbytePix != bytePix || blockSize < 1 || blockSize > int.MaxValue)
        {
            return null;
        }

        // The grid: ZNAXISn and ZTILEn (ZTILE1 defaults to the whole row, the others to 1).
        var axes = new long[rank];
        var tiles = new long[rank];
        long tileCount = 1;
        long tilePixels = 1;
        for (int i = 0; i < rank; i++)
        {
            axes[i] = info.Shape[(int)rank - 1 - i];
            if (Long(handle, $"ZNAXIS{i + 1}") != axes[i] || axes[i] < 1)
            {
                return null;
            }

            tiles[i] = Long(handle, $"ZTILE{i + 1}") ?? (i == 0 ? axes[0] : 1);
            if (tiles[i] < 1)
            {
                return null;
            }

            tilePixels *= Math.Min(tiles[i], axes[i]);
            tileCount *= (axes[i] - 1) / tiles[i] + 1;
            if (tileCount > MaxTiles || tiles[i] > int.MaxValue || tilePixels > int.MaxValue / 4)
            {
                return null;
            }
        }

        return ReadTileTable(handle, file, axes, tiles, tileCount, bytePix, (int)blockSize, mask.Value);
    }

    private static RiceImagePlan? ReadTileTable(FitsHandle handle, SafeFileHandle file, long[] axes, long[] tiles, long tileCount, int bytePix, int blockSize, uint mask)
    {
        // One column, COMPRESSED_DATA, of bytes, through P or Q descriptors, with nothing that changes the bytes.
        if (Long(handle, "TFIELDS") != 1 || !string.Equals(String(handle, "TTYPE1"), "COMPRESSED_DATA", StringComparison.OrdinalIgnoreCase) ||
            Present(handle, "TSCAL1") || Present(handle, "TZERO1") || Present(handle, "TNULL1") || ParseForm(String(handle, "TFORM1")) is not bool isQ)
        {
            return null;
        }

        int rowBytes = isQ ? 16 : 8;
        long pcount = Long(handle, "PCOUNT") ?? 0;
        if (Long(handle, "NAXIS1") != rowBytes || Long(handle, "NAXIS2") != tileCount || pcount < 0)
        {
            return null;
        }

        long tableBytes = rowBytes * tileCount;
        long heapStart = Long(handle, "THEAP") ?? tableBytes;
        if (!CfitsioProxy.TryGetHduOffsets(handle, out _, out long dataStart, out _, Expected.Any, "locate the tile table", default) || heapStart < tableBytes || heapStart > tableBytes + pcount)
        {
            return null;
        }

        // The table and heap must be in the file before anything is sized from them.
        long heapBytes = tableBytes + pcount - heapStart;
        if (RandomAccess.GetLength(file) - dataStart < heapStart + heapBytes)
        {
            return null;
        }

        byte[] table = new byte[tableBytes];
        if (!ReadExactly(file, table, dataStart))
        {
            return null;
        }

        var offsets = new long[tileCount];
        var lengths = new int[tileCount];
        for (long t = 0; t < tileCount; t++)
        {
            ReadOnlySpan<byte> row = table.AsSpan((int)(t * rowBytes), rowBytes);
            long count = isQ ? BinaryPrimitives.ReadInt64BigEndian(row) : BinaryPrimitives.ReadInt32BigEndian(row);
            long where = isQ ? BinaryPrimitives.ReadInt64BigEndian(row[8..]) : BinaryPrimitives.ReadInt32BigEndian(row[4..]);

            // An empty tile means CFITSIO looks for a fallback column; a tile outside the heap, an error: CFITSIO decides.
            if (count < 1 || count > int.MaxValue - 64 || where < 0 || where > heapBytes - count)
            {
                return null;
            }

            offsets[t] = dataStart + heapStart + where;
            lengths[t] = (int)count;
        }

        return new RiceImagePlan(axes, tiles, bytePix, blockSize, mask, offsets, lengths);
    }

    /// <summary>Reads <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>; false when the file ends first.</summary>
    internal static bool ReadExactly(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            int read = RandomAccess.Read(file, buffer, offset);
            if (read <= 0)
            {
                return false;
            }

            buffer = buffer[read..];
            offset += read;
        }

        return true;
    }

    private static bool IsRice(string? compression) =>
        string.Equals(compression, "RICE_1", StringComparison.OrdinalIgnoreCase) || string.Equals(compression, "RICE_ONE", StringComparison.OrdinalIgnoreCase);

    // TFORM of a byte column through descriptors: [1]PB or [1]QB, with an optional (max); true for Q, null otherwise.
    private static bool? ParseForm(string? form)
    {
        if (form is null)
        {
            return null;
        }

        ReadOnlySpan<char> text = form.AsSpan().Trim();
        if (text.StartsWith("1"))
        {
            text = text[1..];
        }

        int paren = text.IndexOf('(');
        if (paren >= 0)
        {
            if (!text.EndsWith(")"))
            {
                return null;
            }

            text = text[..paren];
        }

        return text.Length != 2 || char.ToUpperInvariant(text[1]) != 'B' ? null : char.ToUpperInvariant(text[0]) switch
        {
            'P' => false,
            'Q' => true,
            _ => null,
        };
    }

    // Keyword probes: absent or unreadable is null (the managed reader then does not apply), with no message left behind;
    // a probe never throws, so it names no file.
    private const string ReadKeyword = "read keyword";

    private static long? Long(FitsHandle handle, string keyword) =>
        CfitsioProxy.TryReadKeyLong(handle, keyword, out long value, null, Expected.Any, ReadKeyword, default) ? value : null;

    private static double? Double(FitsHandle handle, string keyword) =>
        CfitsioProxy.TryReadKeyDouble(handle, keyword, out double value, null, Expected.Any, ReadKeyword, default) ? value : null;

    private static string? String(FitsHandle handle, string keyword)
    {
        byte* value = stackalloc byte[Cfitsio.ValueLength + 1];
        value[0] = 0;
        return CfitsioProxy.TryReadKeyString(handle, keyword, value, null, Expected.Any, ReadKeyword, default)
            ? Marshal.PtrToStringUTF8((IntPtr)value)?.Trim()
            : null;
    }

    // Present with any value, even one that does not parse (CFITSIO would then fail or read it some other way).
    private static bool Present(FitsHandle handle, string keyword)
    {
        byte* value = stackalloc byte[Cfitsio.ValueLength + 1];
        return CfitsioProxy.TryReadKeyString(handle, keyword, value, null, out bool missing, ReadKeyword, default) || !missing;
    }
}
