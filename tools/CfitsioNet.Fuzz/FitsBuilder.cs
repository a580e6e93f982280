using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace CfitsioNet.Fuzz;

/// <summary>
/// A small FITS writer for seed files, written from the standard (no CFITSIO): 80-character cards, 2880-byte
/// blocks, big-endian data. Axis lengths are in FITS order (NAXIS1 first).
/// </summary>
internal sealed class FitsBuilder
{
    internal const int BlockSize = 2880;

    private readonly MemoryStream _file = new();

    /// <summary>Appends one HDU: the cards (END is added), then the data padded to a whole block.</summary>
    internal FitsBuilder Hdu(IEnumerable<string> cards, ReadOnlySpan<byte> data)
    {
        var header = new StringBuilder();
        foreach (string card in cards)
        {
            header.Append(card.PadRight(80)[..80]);
        }

        header.Append("END".PadRight(80));
        while (header.Length % BlockSize != 0)
        {
            header.Append(' ');
        }

        _file.Write(Encoding.ASCII.GetBytes(header.ToString()));
        _file.Write(data);
        _file.Write(new byte[(BlockSize - data.Length % BlockSize) % BlockSize]);
        return this;
    }

    /// <summary>An image HDU (primary when it is the first), with extra cards after the mandatory ones.</summary>
    internal FitsBuilder Image(int bitpix, long[] naxis, ReadOnlySpan<byte> data, params string[] extra)
    {
        var cards = new List<string>();
        bool primary = _file.Length == 0;
        cards.Add(primary ? Card("SIMPLE", "T") : Card("XTENSION", "'IMAGE   '"));
        cards.Add(Card("BITPIX", bitpix));
        cards.Add(Card("NAXIS", naxis.Length));
        for (int i = 0; i < naxis.Length; i++)
        {
            cards.Add(Card($"NAXIS{i + 1}", naxis[i]));
        }

        cards.Add(primary ? Card("EXTEND", "T") : Card("PCOUNT", 0));
        if (!primary)
        {
            cards.Add(Card("GCOUNT", 1));
        }

        cards.AddRange(extra);
        return Hdu(cards, data);
    }

    /// <summary>A binary table with a 32-bit integer column, a double column and a variable-length byte column.</summary>
    internal FitsBuilder BinaryTable(int rows, Random random)
    {
        // Row: J (4 bytes) + D (8 bytes) + 1PB(3) descriptor (8 bytes); heap: 3 bytes per row.
        const int rowBytes = 20;
        var data = new byte[rows * rowBytes + rows * 3];
        for (int r = 0; r < rows; r++)
        {
            Span<byte> row = data.AsSpan(r * rowBytes, rowBytes);
            BinaryPrimitives.WriteInt32BigEndian(row, random.Next());
            BinaryPrimitives.WriteInt64BigEndian(row[4..], BitConverter.DoubleToInt64Bits(random.NextDouble()));
            BinaryPrimitives.WriteInt32BigEndian(row[12..], 3);
            BinaryPrimitives.WriteInt32BigEndian(row[16..], r * 3);
            random.NextBytes(data.AsSpan(rows * rowBytes + r * 3, 3));
        }

        string[] cards =
        [
            Card("XTENSION", "'BINTABLE'"), Card("BITPIX", 8), Card("NAXIS", 2), Card("NAXIS1", rowBytes), Card("NAXIS2", rows),
            Card("PCOUNT", rows * 3), Card("GCOUNT", 1), Card("TFIELDS", 3),
            Card("TTYPE1", "'COUNT   '"), Card("TFORM1", "'J       '"),
            Card("TTYPE2", "'FLUX    '"), Card("TFORM2", "'D       '"),
            Card("TTYPE3", "'BYTES   '"), Card("TFORM3", "'1PB(3)  '"),
            Card("EXTNAME", "'EVENTS  '"),
        ];
        return Hdu(cards, data);
    }

    /// <summary>An ASCII table with an integer and a real column.</summary>
    internal FitsBuilder AsciiTable(int rows, Random random)
    {
        var text = new StringBuilder();
        for (int r = 0; r < rows; r++)
        {
            text.Append(random.Next(-99999, 99999).ToString(CultureInfo.InvariantCulture).PadLeft(8));
            text.Append((random.NextDouble() * 1000).ToString("E5", CultureInfo.InvariantCulture).PadLeft(14));
        }

        string[] cards =
        [
            Card("XTENSION", "'TABLE   '"), Card("BITPIX", 8), Card("NAXIS", 2), Card("NAXIS1", 22), Card("NAXIS2", rows),
            Card("PCOUNT", 0), Card("GCOUNT", 1), Card("TFIELDS", 2),
            Card("TTYPE1", "'ID      '"), Card("TBCOL1", 1), Card("TFORM1", "'I8      '"),
            Card("TTYPE2", "'VALUE   '"), Card("TBCOL2", 9), Card("TFORM2", "'E14.5   '"),
        ];
        byte[] data = Encoding.ASCII.GetBytes(text.ToString());
        var padded = new byte[data.Length + (BlockSize - data.Length % BlockSize) % BlockSize];
        padded.AsSpan().Fill((byte)' ');
        data.CopyTo(padded, 0);
        return Hdu(cards, padded);
    }

    internal byte[] ToArray() => _file.ToArray();

    /// <summary>A fixed-format card: keyword in columns 1-8, "= " and the value right-justified to column 30.</summary>
    internal static string Card(string keyword, object value)
    {
        string text = value switch
        {
            string s => s.StartsWith('\'') ? s : s.PadLeft(20),
            double d => d.ToString("R", CultureInfo.InvariantCulture).PadLeft(20),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture).PadLeft(20),
            _ => value.ToString()!.PadLeft(20),
        };
        return (keyword.PadRight(8) + "= " + text).PadRight(80)[..80];
    }

    /// <summary>Big-endian bytes of random pixels of the stored type for <paramref name="bitpix"/>.</summary>
    internal static byte[] RandomPixels(int bitpix, long count, Random random, bool withNaN = false)
    {
        int size = Math.Abs(bitpix) / 8;
        var bytes = new byte[count * size];
        random.NextBytes(bytes);
        for (long i = 0; i < count; i++)
        {
            Span<byte> at = bytes.AsSpan((int)(i * size), size);
            if (bitpix == -32)
            {
                float v = withNaN && i % 17 == 3 ? float.NaN : (float)(random.NextDouble() * 2000 - 1000);
                BinaryPrimitives.WriteInt32BigEndian(at, BitConverter.SingleToInt32Bits(v));
            }
            else if (bitpix == -64)
            {
                double v = withNaN && i % 13 == 5 ? double.NaN : random.NextDouble() * 2e6 - 1e6;
                BinaryPrimitives.WriteInt64BigEndian(at, BitConverter.DoubleToInt64Bits(v));
            }
        }

        return bytes;
    }
}
