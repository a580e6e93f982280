using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace CfitsioNet.Tests.Support;

/// <summary>
/// A minimal FITS writer for tests, written from the FITS standard without CfitsioNet or CFITSIO: 80-character
/// header cards, 2880-byte blocks padded with spaces (headers) or zeros (data), big-endian data.
/// Axis lengths are given in FITS order (<c>naxis[0]</c> is NAXIS1, the fastest-varying axis).
/// </summary>
internal sealed class TestFitsWriter
{
    public const int BlockSize = 2880;
    public const int CardSize = 80;

    private readonly List<(List<string> Cards, byte[] Data)> _hdus = [];
    private long? _keptDataBytes;

    /// <summary>The primary HDU: an image (use an empty <paramref name="naxis"/> for NAXIS = 0).</summary>
    public TestFitsWriter Primary(int bitpix, long[] naxis, byte[] data, params (string Keyword, object Value)[] extraCards)
    {
        if (_hdus.Count != 0)
        {
            throw new InvalidOperationException("The primary HDU must come first.");
        }

        var cards = new List<string> { Card("SIMPLE", true), Card("BITPIX", bitpix) };
        AddAxes(cards, naxis);
        cards.Add(Card("EXTEND", true));
        return Add(cards, extraCards, bitpix, naxis, data);
    }

    /// <summary>A primary HDU with no data (NAXIS = 0).</summary>
    public TestFitsWriter EmptyPrimary() => Primary(8, [], []);

    /// <summary>An IMAGE extension.</summary>
    public TestFitsWriter ImageExtension(int bitpix, long[] naxis, byte[] data, params (string Keyword, object Value)[] extraCards)
    {
        RequirePrimary();
        var cards = new List<string> { Card("XTENSION", "IMAGE"), Card("BITPIX", bitpix) };
        AddAxes(cards, naxis);
        cards.Add(Card("PCOUNT", 0));
        cards.Add(Card("GCOUNT", 1));
        return Add(cards, extraCards, bitpix, naxis, data);
    }

    /// <summary>A BINTABLE extension with one 32-bit integer column named VALUE.</summary>
    public TestFitsWriter BinaryTable(int[] values, string? extname = null)
    {
        RequirePrimary();
        var cards = new List<string>
        {
            Card("XTENSION", "BINTABLE"), Card("BITPIX", 8), Card("NAXIS", 2), Card("NAXIS1", 4),
            Card("NAXIS2", values.Length), Card("PCOUNT", 0), Card("GCOUNT", 1), Card("TFIELDS", 1),
            Card("TTYPE1", "VALUE"), Card("TFORM1", "1J"),
        };
        if (extname is not null)
        {
            cards.Add(Card("EXTNAME", extname));
        }

        _hdus.Add((cards, BigEndian<int>(values)));
        return this;
    }

    /// <summary>Cuts the file in the last HDU's data: only its first <paramref name="dataBytes"/> bytes are written, with no padding.</summary>
    public TestFitsWriter TruncateLastData(long dataBytes)
    {
        _keptDataBytes = dataBytes;
        return this;
    }

    /// <summary>The whole file.</summary>
    public byte[] ToArray()
    {
        using var stream = new MemoryStream();
        for (int h = 0; h < _hdus.Count; h++)
        {
            (List<string> cards, byte[] data) = _hdus[h];
            var header = new StringBuilder();
            foreach (string card in cards)
            {
                header.Append(card);
            }

            header.Append("END".PadRight(CardSize));
            while (header.Length % BlockSize != 0)
            {
                header.Append(' ');
            }

            stream.Write(Encoding.ASCII.GetBytes(header.ToString()));
            bool last = h == _hdus.Count - 1;
            if (last && _keptDataBytes is long kept)
            {
                stream.Write(data, 0, (int)Math.Min(kept, data.Length));
                continue;
            }

            stream.Write(data);
            stream.Write(new byte[Padding(data.Length)]);
        }

        return stream.ToArray();
    }

    /// <summary>Writes the file and returns its path.</summary>
    public string Write(string path)
    {
        File.WriteAllBytes(path, ToArray());
        return path;
    }

    /// <summary>Zero bytes needed after <paramref name="length"/> bytes to fill the last block.</summary>
    public static int Padding(long length) => (int)((BlockSize - length % BlockSize) % BlockSize);

    /// <summary>Encodes values big-endian, as FITS stores them. Floating-point values keep their exact bits, NaN payloads included.</summary>
    public static byte[] BigEndian<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        if (!IsPixelType(typeof(T)))
        {
            throw new NotSupportedException(typeof(T).Name);
        }

        ReadOnlySpan<byte> source = MemoryMarshal.AsBytes(values);
        var bytes = new byte[source.Length];
        switch (Unsafe.SizeOf<T>())
        {
            case 1:
                source.CopyTo(bytes);
                break;
            case 2:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(source), MemoryMarshal.Cast<byte, ushort>(bytes.AsSpan()));
                break;
            case 4:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, uint>(source), MemoryMarshal.Cast<byte, uint>(bytes.AsSpan()));
                break;
            default:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ulong>(source), MemoryMarshal.Cast<byte, ulong>(bytes.AsSpan()));
                break;
        }

        return bytes;
    }

    /// <summary>Encodes one value big-endian (the slow, obviously correct way, to cross-check <see cref="BigEndian{T}"/>).</summary>
    public static byte[] BigEndianScalar(object value)
    {
        var at = new byte[value switch { byte or sbyte => 1, short or ushort => 2, int or uint or float => 4, _ => 8 }];
        switch (value)
        {
            case byte v: at[0] = v; break;
            case sbyte v: at[0] = unchecked((byte)v); break;
            case short v: BinaryPrimitives.WriteInt16BigEndian(at, v); break;
            case ushort v: BinaryPrimitives.WriteUInt16BigEndian(at, v); break;
            case int v: BinaryPrimitives.WriteInt32BigEndian(at, v); break;
            case uint v: BinaryPrimitives.WriteUInt32BigEndian(at, v); break;
            case long v: BinaryPrimitives.WriteInt64BigEndian(at, v); break;
            case ulong v: BinaryPrimitives.WriteUInt64BigEndian(at, v); break;
            case float v: BinaryPrimitives.WriteInt32BigEndian(at, BitConverter.SingleToInt32Bits(v)); break;
            case double v: BinaryPrimitives.WriteInt64BigEndian(at, BitConverter.DoubleToInt64Bits(v)); break;
            default: throw new NotSupportedException(value.GetType().Name);
        }

        return at;
    }

    private static bool IsPixelType(Type type) =>
        type == typeof(byte) || type == typeof(sbyte) || type == typeof(short) || type == typeof(ushort) ||
        type == typeof(int) || type == typeof(uint) || type == typeof(long) || type == typeof(ulong) ||
        type == typeof(float) || type == typeof(double);

    /// <summary>
    /// One 80-character card. Logical and numeric values are right-justified to column 30 (fixed format); strings
    /// are quoted from column 11 and padded to at least 8 characters.
    /// </summary>
    public static string Card(string keyword, object value)
    {
        if (keyword.Length > 8)
        {
            throw new ArgumentException($"Keyword '{keyword}' is longer than 8 characters.", nameof(keyword));
        }

        string text = value switch
        {
            bool b => (b ? "T" : "F").PadLeft(20),
            string s => "'" + s.Replace("'", "''", StringComparison.Ordinal).PadRight(8) + "'",
            double d => FormatReal(d).PadLeft(20),
            float f => FormatReal(f).PadLeft(20),
            sbyte or byte or short or ushort or int or uint or long or ulong or BigInteger =>
                Convert.ToString(value, CultureInfo.InvariantCulture)!.PadLeft(20),
            _ => throw new NotSupportedException(value.GetType().Name),
        };
        string card = keyword.PadRight(8) + "= " + text;
        if (card.Length > CardSize)
        {
            throw new ArgumentException($"Card for {keyword} is longer than 80 characters.", nameof(value));
        }

        return card.PadRight(CardSize);
    }

    private static string FormatReal(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture).Replace('e', 'E');
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static void AddAxes(List<string> cards, long[] naxis)
    {
        cards.Add(Card("NAXIS", naxis.Length));
        for (int i = 0; i < naxis.Length; i++)
        {
            cards.Add(Card("NAXIS" + (i + 1).ToString(CultureInfo.InvariantCulture), naxis[i]));
        }
    }

    private TestFitsWriter Add(List<string> cards, (string Keyword, object Value)[] extraCards, int bitpix, long[] naxis, byte[] data)
    {
        long elements = naxis.Length == 0 ? 0 : 1;
        foreach (long axis in naxis)
        {
            elements *= axis;
        }

        long expected = elements * Math.Abs(bitpix) / 8;
        if (data.Length != expected)
        {
            throw new ArgumentException($"BITPIX {bitpix} and NAXIS [{string.Join(", ", naxis)}] need {expected} data bytes, not {data.Length}.", nameof(data));
        }

        foreach ((string keyword, object value) in extraCards)
        {
            cards.Add(Card(keyword, value));
        }

        _hdus.Add((cards, data));
        return this;
    }

    private void RequirePrimary()
    {
        if (_hdus.Count == 0)
        {
            throw new InvalidOperationException("Add the primary HDU first.");
        }
    }
}
