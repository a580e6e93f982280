using System;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace CfitsioNet.Validation;

/// <summary>
/// Reads every header of a file before CFITSIO does, and refuses the header values that CFITSIO 4.2.0 is known to
/// mishandle natively (found by tools/CfitsioNet.Fuzz): sizes whose products overflow, tile-compressed images with
/// a zero or unparseable ZTILEn (division by zero), compressed tiles whose heap descriptors point outside the heap
/// (gigabyte allocations and minutes of reading from a small file). Damaged HCOMPRESS tiles are handled by the
/// patched decoder (native/patches/0002-hcompress-bounds.patch). Headers CFITSIO can refuse by itself are left to it.
/// </summary>
internal static class HeaderScan
{
    private const int MaxHeaderCards = 1 << 20;
    private const string Operation = "check headers";
    private const string FirstKeyword = "\0first"; // not a keyword: where the header's first card is kept
    private const string Conflict = "\0conflict"; // not a keyword: a structural keyword given twice with different values

    // Files that passed, by path, with the identity of the contents that passed: opening the same unchanged file again
    // (a loop over reads, a batch run twice) skips the scan. Any write, truncation or replacement changes the identity.
    private const int MaxRemembered = 4096;
    private const long SettledSeconds = 2;
    private static readonly ConcurrentDictionary<string, FileIdentity> s_passed = new(StringComparer.Ordinal);

    /// <summary>
    /// Scans the file unless these exact contents (<paramref name="identity"/>, taken just before) already passed;
    /// throws a <see cref="FitsException"/> for a refused header.
    /// </summary>
    internal static void Check(string fullPath, FileIdentity identity)
    {
        if (identity.IsKnown && s_passed.TryGetValue(fullPath, out FileIdentity passed) && passed == identity)
        {
            return;
        }

        Check(fullPath);

        // File times come from a coarse clock (a few milliseconds), so a file rewritten within the same tick keeps
        // them: remember only contents last changed well before this scan, whose any later change shows.
        if (identity.IsKnown && identity.ChangedSeconds + SettledSeconds < DateTimeOffset.UtcNow.ToUnixTimeSeconds())
        {
            if (s_passed.Count >= MaxRemembered)
            {
                s_passed.Clear();
            }

            s_passed[fullPath] = identity;
        }
    }

    /// <summary>Scans the file at <paramref name="fullPath"/> (gzip-compressed or plain); throws a <see cref="FitsException"/> for a refused header.</summary>
    internal static void Check(string fullPath)
    {
        using var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        Span<byte> magic = stackalloc byte[2];
        int got = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        if (got == 2 && magic[0] == 0x1F && magic[1] == 0x8B)
        {
            // CFITSIO decompresses the whole file into memory too; scan the same bytes it will read.
            using var plain = new MemoryStream();
            try
            {
                using var gzip = new GZipStream(file, CompressionMode.Decompress);
                gzip.CopyTo(plain);
            }
            catch (InvalidDataException)
            {
                // A damaged gzip stream: scan what decompressed; CFITSIO reports the damage itself.
            }

            plain.Position = 0;
            Scan(plain, plain.Length, fullPath);
            return;
        }

        if (got == 2 && ((magic[0] == 0x1F && magic[1] is 0x1E or 0x9D or 0xA0) || (magic[0] == (byte)'P' && magic[1] == (byte)'K')))
        {
            throw new FitsException(
                "the file is compressed with pack, compress, LZH or zip, which Open cannot check before CFITSIO reads it; " +
                "decompress it first (gzip-compressed files are accepted)", fullPath, Operation);
        }

        Scan(file, file.Length, fullPath);
    }

    /// <summary>Scans FITS bytes in memory (already decompressed); throws a <see cref="FitsException"/> for a refused header.</summary>
    internal static unsafe void Check(byte* bytes, long length, string name)
    {
        using var stream = new UnmanagedMemoryStream(bytes, length);
        Scan(stream, length, name);
    }

    private static void Scan(Stream stream, long length, string fileName)
    {
        long position = 0;
        for (int hdu = 0; position < length; hdu++)
        {
            Dictionary<string, string>? header = ReadHeader(stream, position, length, out long headerBytes);
            if (header is null)
            {
                return; // no END, or not a header: CFITSIO refuses this HDU by itself and cannot move past it
            }

            // CFITSIO searches a header from where it last read, so which copy of a repeated keyword it takes depends on
            // the order of its reads: refuse what the scan cannot predict (a fuzz finding: a second ZTILE2, SIGFPE).
            if (header.TryGetValue(Conflict, out string? repeated))
            {
                throw Fail($"{repeated} appears twice with different values", fileName, hdu);
            }

            long dataStart = position + headerBytes;
            if (DataBytes(header, hdu, fileName) is not long dataBytes)
            {
                return; // size keywords CFITSIO cannot parse either: it stops here too
            }

            CheckTableFields(header, hdu, fileName);
            if (IsCompressedImage(header))
            {
                CheckCompressedImage(stream, header, dataStart, dataBytes, length, hdu, fileName);
            }

            long padded = dataBytes > long.MaxValue - FitsBlock.Bytes ? long.MaxValue : dataBytes + (FitsBlock.Bytes - dataBytes % FitsBlock.Bytes) % FitsBlock.Bytes;
            if (padded > long.MaxValue - dataStart)
            {
                throw Fail($"the data size {dataBytes} runs past the largest file offset", fileName, hdu);
            }

            position = dataStart + padded;
        }
    }

    /// <summary>Data bytes of one HDU from BITPIX, NAXISn, PCOUNT and GCOUNT; null when they do not parse.</summary>
    private static long? DataBytes(Dictionary<string, string> header, int hdu, string fileName)
    {
        // A size keyword that is there but not an integer (an empty NAXIS value, say) is refused: CFITSIO may read
        // such a value as 0 and go on to HDUs this scan would never see (a fuzz finding: SIGFPE on a later ZTILE1).
        RequireIntegerIfPresent(header, "BITPIX", fileName, hdu);
        RequireIntegerIfPresent(header, "NAXIS", fileName, hdu);
        // CFITSIO sizes a table from NAXIS1 x NAXIS2 + PCOUNT whatever its BITPIX says (a fuzz finding: BITPIX = -15
        // on a compressed image's table hid its ZTILE2 from the scan, SIGFPE); an image with a bad BITPIX it refuses.
        bool table = hdu > 0 && header.TryGetValue("XTENSION", out string? xtension) &&
            Text(xtension)?.TrimEnd() is "BINTABLE" or "TABLE" or "A3DTABLE";
        if ((!table && Integer(header, "BITPIX") is not (8 or 16 or 32 or 64 or -32 or -64)) || Integer(header, "NAXIS") is not long naxis || naxis < 0 || naxis > 999)
        {
            return null;
        }

        bool randomGroups = hdu == 0 && Logical(header, "GROUPS") == true;
        long product = naxis == 0 ? 0 : 1;
        for (int i = 1; i <= naxis; i++)
        {
            RequireIntegerIfPresent(header, $"NAXIS{i}", fileName, hdu);
            if (Integer(header, $"NAXIS{i}") is not long axis || axis < 0)
            {
                return null;
            }

            if (randomGroups && i == 1)
            {
                continue;
            }

            product = Multiply(product, axis, "the product of the NAXISn values", fileName, hdu);
        }

        RequireIntegerIfPresent(header, "PCOUNT", fileName, hdu);
        RequireIntegerIfPresent(header, "GCOUNT", fileName, hdu);
        bool extension = hdu > 0;
        long pcount = extension || randomGroups ? Integer(header, "PCOUNT") ?? 0 : 0;
        long gcount = extension || randomGroups ? Integer(header, "GCOUNT") ?? 1 : 1;
        if (pcount < 0 || gcount < 0)
        {
            throw Fail($"PCOUNT = {pcount} or GCOUNT = {gcount} is negative", fileName, hdu);
        }

        long bytesPerValue = table ? 1 : Math.Abs(Integer(header, "BITPIX")!.Value) / 8;
        long values = Multiply(gcount, Add(pcount, product, fileName, hdu), "GCOUNT times (PCOUNT + pixels)", fileName, hdu);
        return Multiply(bytesPerValue, values, "the data size in bytes", fileName, hdu);
    }

    /// <summary>
    /// TFIELDS of a table must be 0..999, as the standard says. CFITSIO 4.2.0 means to refuse more (<c>ffgttb</c>) but
    /// compares where it should assign (<c>*status == BAD_TFIELDS</c>), so it takes any count and callocs a column
    /// record (about 160 bytes) for each before it finds the missing TFORMn: a 6 KB file claiming 10^8 columns took
    /// 15.6 GB of resident memory, enough to get a process killed.
    /// </summary>
    private static void CheckTableFields(Dictionary<string, string> header, int hdu, string fileName)
    {
        bool table = hdu > 0 && header.TryGetValue("XTENSION", out string? xtension) &&
            Text(xtension)?.TrimEnd() is "BINTABLE" or "TABLE" or "A3DTABLE";
        if (table && Integer(header, "TFIELDS") is long fields && fields is < 0 or > 999)
        {
            throw Fail($"TFIELDS = {fields} is outside 0..999 (a table has at most 999 columns: TFORM1000 cannot be a keyword)", fileName, hdu);
        }
    }

    /// <summary>Keywords that size or describe the data: BITPIX, NAXISn, PCOUNT, GCOUNT, THEAP, TFIELDS, TFORMn and the Z* keywords of compressed images.</summary>
    private static bool IsStructural(string keyword) =>
        keyword is "BITPIX" or "PCOUNT" or "GCOUNT" or "THEAP" or "TFIELDS" or "XTENSION" or "GROUPS" ||
        keyword.StartsWith("NAXIS", StringComparison.Ordinal) || keyword.StartsWith("TFORM", StringComparison.Ordinal) ||
        keyword.StartsWith('Z');

    private static void RequireIntegerIfPresent(Dictionary<string, string> header, string keyword, string fileName, int hdu)
    {
        if (header.ContainsKey(keyword) && Integer(header, keyword) is null)
        {
            throw Fail(ValueText(header[keyword]).Length == 0 ? $"{keyword} has no value" : $"{keyword} = {ValueText(header[keyword])} is not an integer", fileName, hdu);
        }
    }

    private static bool IsCompressedImage(Dictionary<string, string> header) =>
        header.TryGetValue(FirstKeyword, out string? first) && first == "XTENSION" &&
        header.TryGetValue("XTENSION", out string? xtension) && Text(xtension)?.TrimEnd() == "BINTABLE" && Logical(header, "ZIMAGE") == true;

    private static void CheckCompressedImage(Stream stream, Dictionary<string, string> header, long dataStart, long dataBytes, long fileLength, int hdu, string fileName)
    {
        if (Integer(header, "ZNAXIS") is not long zaxes)
        {
            return; // CFITSIO refuses a missing ZNAXIS
        }

        if (zaxes < 1 || zaxes > 6)
        {
            throw Fail($"ZNAXIS = {zaxes} is outside 1..6", fileName, hdu);
        }

        var axes = new long[zaxes];
        var tiles = new long[zaxes];
        long tileLength = 1;
        long tileCount = 1;
        for (int i = 0; i < zaxes; i++)
        {
            string axisKey = $"ZNAXIS{i + 1}";
            string tileKey = $"ZTILE{i + 1}";
            axes[i] = RequirePositive(header, axisKey, fileName, hdu) ?? 1;
            tiles[i] = header.ContainsKey(tileKey) ? RequirePositive(header, tileKey, fileName, hdu)!.Value : i == 0 ? axes[0] : 1;
            tileLength = Multiply(tileLength, tiles[i], "the product of ZTILEn", fileName, hdu);
            tileCount = Multiply(tileCount, (axes[i] - 1) / tiles[i] + 1, "the number of tiles", fileName, hdu);
        }

        if (tileLength > int.MaxValue)
        {
            throw Fail($"a tile of {tileLength} pixels is larger than CFITSIO's tile buffers (2^31 - 1)", fileName, hdu);
        }

        if (header.TryGetValue("ZBITPIX", out string? zbitpix) && Integer(header, "ZBITPIX") is not (8 or 16 or 32 or 64 or -32 or -64))
        {
            throw Fail($"ZBITPIX = {zbitpix.Trim()} is not a valid BITPIX", fileName, hdu);
        }

        // CFITSIO indexes its 10,000-entry dither table with ZDITHER0 - 1.
        if (header.TryGetValue("ZDITHER0", out string? zdither0) && Integer(header, "ZDITHER0") is not (>= 1 and <= 10000))
        {
            throw Fail($"ZDITHER0 = {ValueText(zdither0)} is outside 1..10000", fileName, hdu);
        }

        string compression = header.TryGetValue("ZCMPTYPE", out string? z) ? Text(z)?.TrimEnd() ?? "" : "";
        if (compression is "RICE_1" or "RICE_ONE")
        {
            // ZVAL1 is the block size CFITSIO divides by (ZVAL2, bytes per pixel, when the two are swapped).
            RequirePositive(header, "ZVAL1", fileName, hdu);
            RequirePositive(header, "ZVAL2", fileName, hdu);
        }

        // HCOMPRESS_1 tiles are safe to decode: our CFITSIO build bounds the decoder's reads and checks the tile
        // size the stream declares (native/patches/0002-hcompress-bounds.patch), so damaged tiles fail with status 414.

        if (Integer(header, "NAXIS1") is not long rowBytes || Integer(header, "NAXIS2") is not long rows ||
            Integer(header, "TFIELDS") is not long fields || fields < 0 || fields > 999)
        {
            return;
        }

        long pcount = Integer(header, "PCOUNT") ?? 0;
        if (rowBytes < 0 || rows < 0 || pcount < 0)
        {
            return;
        }

        long tableBytes = Multiply(rowBytes, rows, "NAXIS1 x NAXIS2", fileName, hdu);
        long tableAndHeap = Add(tableBytes, pcount, fileName, hdu);
        if (dataStart > fileLength || tableAndHeap > fileLength - dataStart)
        {
            throw Fail($"the compressed image's table and heap ({tableAndHeap} bytes from byte {dataStart}) run past the end of the file ({fileLength} bytes)", fileName, hdu);
        }

        long heapStart = Integer(header, "THEAP") ?? tableBytes;
        if (heapStart < tableBytes || heapStart > tableBytes + pcount)
        {
            throw Fail($"THEAP = {heapStart} is outside the data ({tableBytes} table bytes + PCOUNT {pcount})", fileName, hdu);
        }

        long heapBytes = tableBytes + pcount - heapStart;
        var columns = VariableLengthColumns(header, fields, rowBytes);
        // The rows in runs of up to 64 KiB: one read per run instead of one per tile.
        if (columns.Count > 0 && rowBytes > fileLength)
        {
            // A row longer than the file cannot be there (a fuzz finding: NAXIS1 = 2^32 overflowed the run's size).
            throw Fail($"NAXIS1 = {rowBytes} is longer than the file ({fileLength} bytes)", fileName, hdu);
        }

        long rowsPerRun = columns.Count == 0 || rowBytes == 0 ? 1 : Math.Max(1, (64 * 1024) / rowBytes);
        byte[] run = columns.Count == 0 ? [] : new byte[Math.Min(rowsPerRun, Math.Max(rows, 1)) * rowBytes];
        long runFirst = -1;
        for (long r = 0; r < rows && columns.Count > 0; r++)
        {
            if (runFirst < 0 || r >= runFirst + rowsPerRun)
            {
                runFirst = r;
                long runRows = Math.Min(rowsPerRun, rows - r);
                ReadAt(stream, dataStart + r * rowBytes, run.AsSpan(0, (int)(runRows * rowBytes)));
            }

            Span<byte> row = run.AsSpan((int)((r - runFirst) * rowBytes), (int)rowBytes);
            foreach ((string name, long offset, bool isQ, int elementBytes) in columns)
            {
                long count = isQ ? BinaryPrimitives.ReadInt64BigEndian(row[(int)offset..]) : BinaryPrimitives.ReadInt32BigEndian(row[(int)offset..]);
                long where = isQ ? BinaryPrimitives.ReadInt64BigEndian(row[((int)offset + 8)..]) : BinaryPrimitives.ReadInt32BigEndian(row[((int)offset + 4)..]);
                if (count < 0 || where < 0 || count > heapBytes / elementBytes || where > heapBytes - count * elementBytes)
                {
                    throw Fail($"tile {r + 1}: the {name} descriptor ({count} elements at heap offset {where}) points outside the {heapBytes}-byte heap", fileName, hdu);
                }

                bool gzipped = name == "GZIP_COMPRESSED_DATA" || (name == "COMPRESSED_DATA" && compression is "GZIP_1" or "GZIP_2");
                if (gzipped && count > 0)
                {
                    CheckGzipTile(stream, dataStart + heapStart + where, count * elementBytes, TilePixels(axes, tiles, r) * 8, r, fileName, hdu);
                }
            }
        }
    }

    /// <summary>
    /// CFITSIO 4.2.0 grows its output buffer without end on some damaged gzip tiles (tens of gigabytes from a
    /// 10 kB file): inflate each gzip tile here first, refusing damaged streams and streams longer than the tile.
    /// </summary>
    private static void CheckGzipTile(Stream stream, long position, long length, long maxBytes, long row, string fileName, int hdu)
    {
        byte[] compressed = new byte[length];
        ReadAt(stream, position, compressed);
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        uint crc = 0xFFFFFFFFu;
        try
        {
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw Fail($"tile {row + 1}: the gzip data inflate to more than the tile's {maxBytes} bytes", fileName, hdu);
                }

                crc = Crc32.Update(crc, buffer.AsSpan(0, read));
            }
        }
        catch (InvalidDataException e)
        {
            throw Fail($"tile {row + 1}: the gzip data are damaged ({e.Message})", fileName, hdu);
        }

        // .NET stops quietly at the end of a truncated stream, where CFITSIO loops: the gzip trailer (CRC-32 and
        // length of the inflated bytes) proves the stream is complete.
        if (length < 18 || BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan((int)length - 8)) != ~crc ||
            BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan((int)length - 4)) != unchecked((uint)total))
        {
            throw Fail($"tile {row + 1}: the gzip data are truncated or damaged (the trailer does not match)", fileName, hdu);
        }
    }

    /// <summary>Pixels in tile <paramref name="tile"/> (0-based, first axis fastest), edge tiles being smaller.</summary>
    private static long TilePixels(long[] axes, long[] tiles, long tile)
    {
        long pixels = 1;
        for (int i = 0; i < axes.Length; i++)
        {
            long across = (axes[i] - 1) / tiles[i] + 1;
            long index = tile % across;
            tile /= across;
            pixels *= Math.Min(tiles[i], axes[i] - index * tiles[i]);
        }

        return pixels;
    }

    /// <summary>The tile columns (P or Q descriptors) with their byte offset in a row; empty when the TFORMs do not add up.</summary>
    private static List<(string Name, long Offset, bool IsQ, int ElementBytes)> VariableLengthColumns(Dictionary<string, string> header, long fields, long rowBytes)
    {
        var columns = new List<(string, long, bool, int)>();
        long offset = 0;
        for (int i = 1; i <= fields; i++)
        {
            if (!header.TryGetValue($"TFORM{i}", out string? raw) || Text(raw) is not string form || ParseForm(form.Trim()) is not var (width, variable, isQ, elementBytes))
            {
                return [];
            }

            string name = header.TryGetValue($"TTYPE{i}", out string? type) ? Text(type)?.Trim().ToUpperInvariant() ?? "" : "";
            if (variable && name is "COMPRESSED_DATA" or "GZIP_COMPRESSED_DATA" or "UNCOMPRESSED_DATA")
            {
                columns.Add((name, offset, isQ, elementBytes));
            }

            offset += width;
            if (offset > rowBytes)
            {
                return [];
            }
        }

        return offset == rowBytes ? columns : [];
    }

    /// <summary>Row width of a TFORM, and for a variable-length (P/Q) column its element size.</summary>
    private static (long Width, bool Variable, bool IsQ, int ElementBytes)? ParseForm(string form)
    {
        int i = 0;
        while (i < form.Length && char.IsAsciiDigit(form[i]))
        {
            i++;
        }

        long repeat = i == 0 ? 1 : long.TryParse(form.AsSpan(0, i), NumberStyles.None, CultureInfo.InvariantCulture, out long r) ? r : -1;
        if (repeat < 0 || repeat > int.MaxValue || i >= form.Length)
        {
            return null;
        }

        char code = char.ToUpperInvariant(form[i]);
        if (code is 'P' or 'Q')
        {
            if (repeat > 1 || i + 1 >= form.Length)
            {
                return null;
            }

            int size = ElementBytes(char.ToUpperInvariant(form[i + 1]));
            return size == 0 ? null : (repeat * (code == 'Q' ? 16 : 8), true, code == 'Q', size);
        }

        long width = code == 'X' ? (repeat + 7) / 8 : repeat * ElementBytes(code);
        return code == 'X' || ElementBytes(code) > 0 ? (width, false, false, 0) : null;
    }

    private static int ElementBytes(char code) => code switch
    {
        'L' or 'B' or 'A' => 1,
        'I' => 2,
        'J' or 'E' => 4,
        'K' or 'D' or 'C' => 8,
        'M' => 16,
        _ => 0,
    };

    /// <summary>The cards of the header at <paramref name="position"/>, first occurrence of each keyword; null without END.</summary>
    private static Dictionary<string, string>? ReadHeader(Stream stream, long position, long length, out long headerBytes)
    {
        headerBytes = 0;
        var cards = new Dictionary<string, string>(StringComparer.Ordinal);
        byte[] block = new byte[FitsBlock.Bytes];
        for (int blockIndex = 0; blockIndex * FitsBlock.CardsPerBlock < MaxHeaderCards; blockIndex++)
        {
            long at = position + (long)blockIndex * FitsBlock.Bytes;
            if (at >= length)
            {
                return null;
            }

            // CFITSIO reads a final block the file cuts short (the missing bytes as zeros), so an END card in what
            // is there still ends the header for it: read it the same way (a fuzz finding: SIGFPE on ZTILE2 = 1E-300).
            int available = (int)Math.Min(FitsBlock.Bytes, length - at);
            Array.Clear(block);
            ReadAt(stream, at, block.AsSpan(0, available));
            if (blockIndex == 0)
            {
                string first = Encoding.ASCII.GetString(block, 0, 8);
                if (first != "SIMPLE  " && first != "XTENSION")
                {
                    return null;
                }

                cards[FirstKeyword] = first.TrimEnd();
            }

            for (int c = 0; c < FitsBlock.Bytes; c += FitsBlock.CardBytes)
            {
                // CFITSIO's name for a card ends at the first space: "ZTILE1 ?= F" is read as ZTILE1.
                string keyword = Encoding.Latin1.GetString(block, c, 8).TrimEnd();
                int space = keyword.IndexOf(' ', StringComparison.Ordinal);
                keyword = space > 0 ? keyword[..space] : keyword;
                if (keyword == "END")
                {
                    headerBytes = (blockIndex + 1L) * FitsBlock.Bytes;
                    return cards;
                }

                if (keyword.Length > 0 && block[c + 8] == (byte)'=' && block[c + 9] == (byte)' ')
                {
                    string value = Encoding.Latin1.GetString(block, c + 10, FitsBlock.CardBytes - 10);
                    if (!cards.TryAdd(keyword, value) && IsStructural(keyword) &&
                        ValueText(cards[keyword]) != ValueText(value))
                    {
                        cards.TryAdd(Conflict, keyword);
                    }
                }
            }
        }

        return null;
    }

    private static void ReadAt(Stream stream, long position, Span<byte> buffer)
    {
        stream.Position = position;
        stream.ReadExactly(buffer);
    }

    /// <summary>A keyword's value as CFITSIO reads an integer: an integer, or a real truncated toward zero; null when absent or not a number.</summary>
    private static long? Integer(Dictionary<string, string> header, string keyword)
    {
        if (!header.TryGetValue(keyword, out string? raw))
        {
            return null;
        }

        string value = ValueText(raw);
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            return integer;
        }

        if (double.TryParse(value.Replace('D', 'E').Replace('d', 'e'), NumberStyles.Float, CultureInfo.InvariantCulture, out double real) &&
            double.IsFinite(real) && Math.Abs(real) < 9.2e18)
        {
            return (long)real;
        }

        return null;
    }

    /// <summary>A keyword that must be an integer of at least 1 when present.</summary>
    private static long? RequirePositive(Dictionary<string, string> header, string keyword, string fileName, int hdu)
    {
        if (!header.ContainsKey(keyword))
        {
            return null;
        }

        return Integer(header, keyword) is long value && value >= 1
            ? value
            : throw Fail($"{keyword} = {ValueText(header[keyword]).Split('/')[0].Trim()} is not a positive integer", fileName, hdu);
    }

    private static bool? Logical(Dictionary<string, string> header, string keyword) =>
        header.TryGetValue(keyword, out string? raw) ? ValueText(raw) switch { "T" => true, "F" => false, _ => null } : null;

    /// <summary>The value field without its comment.</summary>
    private static string ValueText(string raw)
    {
        string trimmed = raw.TrimStart();
        if (trimmed.StartsWith('\''))
        {
            return trimmed;
        }

        // As CFITSIO's ffpsvc: a number or logical ends at the first space or slash.
        int end = trimmed.IndexOfAny([' ', '/']);
        return end >= 0 ? trimmed[..end] : trimmed;
    }

    /// <summary>A quoted string value without its quotes; null when the value is not a string.</summary>
    private static string? Text(string raw)
    {
        string trimmed = raw.TrimStart();
        if (!trimmed.StartsWith('\''))
        {
            return null;
        }

        var text = new StringBuilder();
        for (int i = 1; i < trimmed.Length; i++)
        {
            if (trimmed[i] == '\'')
            {
                if (i + 1 < trimmed.Length && trimmed[i + 1] == '\'')
                {
                    text.Append('\'');
                    i++;
                    continue;
                }

                return text.ToString();
            }

            text.Append(trimmed[i]);
        }

        return null;
    }

    private static long Multiply(long a, long b, string what, string fileName, int hdu)
    {
        if (a != 0 && b > long.MaxValue / a)
        {
            throw Fail($"{what} overflows 64 bits ({a} x {b})", fileName, hdu);
        }

        return a * b;
    }

    private static long Add(long a, long b, string fileName, int hdu) =>
        a > long.MaxValue - b ? throw Fail($"PCOUNT + pixels overflows 64 bits ({a} + {b})", fileName, hdu) : a + b;

    private static FitsException Fail(string message, string fileName, int hdu) => new(message, fileName, Operation, hdu);
}
