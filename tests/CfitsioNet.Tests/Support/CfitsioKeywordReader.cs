using System;
using System.Runtime.InteropServices;
using System.Text;
using CfitsioNet.Interop;

namespace CfitsioNet.Tests.Support;

/// <summary>
/// CFITSIO's own keyword parsing and typed readers (ffgknm, ffpsvc, ffgkls, ffgkyd, ...), the reference the C# header
/// parser is checked against. Each reader rewinds the header first, so it reads a keyword's first occurrence.
/// </summary>
internal static unsafe class CfitsioKeywordReader
{
    public const int NumOverflow = 412;   // NUM_OVERFLOW

    /// <summary>ffgknm on one record.</summary>
    public static string KeywordName(string record)
    {
        byte* card = stackalloc byte[Cfitsio.CardLength + 1];
        Encode(record, card);
        byte* name = stackalloc byte[Cfitsio.KeywordLength + 1];
        int status = 0;
        Cfitsio.GetKeywordName(card, name, out _, ref status);
        return status == 0 ? Decode(name) : throw new InvalidOperationException($"ffgknm status {status}");
    }

    /// <summary>ffpsvc on one record: status, value text (empty when none) and comment.</summary>
    public static (int Status, string Value, string Comment) ValueAndComment(string record)
    {
        byte* card = stackalloc byte[Cfitsio.CardLength + 1];
        Encode(record, card);
        byte* value = stackalloc byte[Cfitsio.ValueLength + 1];
        byte* comment = stackalloc byte[Cfitsio.CommentLength + 1];
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.ParseValueAndComment(card, value, comment, ref status);
        Cfitsio.ClearErrorMessagesToMark();
        return (status, Decode(value), Decode(comment));
    }

    /// <summary>ffgkls: status, the whole (CONTINUE-joined) string and its comment.</summary>
    public static (int Status, string Value, string Comment) LongString(Hdu hdu, string keyword) => Read(hdu, (h, comment) =>
    {
        int status = 0;
        Cfitsio.ReadKeyLongString(h, keyword, out byte* value, comment, ref status);
        string text = value == null ? string.Empty : Decode(value);
        int ignored = 0;
        Cfitsio.Free(value, ref ignored);
        return (status, text);
    });

    public static (int Status, double Value) Double(Hdu hdu, string keyword) => Drop(Read(hdu, (h, comment) =>
    {
        int status = 0;
        Cfitsio.ReadKeyDouble(h, keyword, out double value, comment, ref status);
        return (status, value);
    }));

    public static (int Status, float Value) Float(Hdu hdu, string keyword) => Drop(Read(hdu, (h, comment) =>
    {
        int status = 0;
        Cfitsio.ReadKeyFloat(h, keyword, out float value, comment, ref status);
        return (status, value);
    }));

    public static (int Status, long Value) Long(Hdu hdu, string keyword) => Drop(Read(hdu, (h, comment) =>
    {
        int status = 0;
        Cfitsio.ReadKeyLong(h, keyword, out long value, comment, ref status);
        return (status, value);
    }));

    public static (int Status, ulong Value) ULong(Hdu hdu, string keyword) => Drop(Read(hdu, (h, comment) =>
    {
        int status = 0;
        Cfitsio.ReadKeyUnsignedLong(h, keyword, out ulong value, comment, ref status);
        return (status, value);
    }));

    public static (int Status, bool Value) Logical(Hdu hdu, string keyword) => Drop(Read(hdu, (h, comment) =>
    {
        int status = 0;
        Cfitsio.ReadKeyLogical(h, keyword, out int value, comment, ref status);
        return (status, value != 0);
    }));

    private static (int Status, T Value, string Comment) Read<T>(Hdu hdu, ReadWithComment<T> read)
    {
        lock (hdu.File.Sync)
        {
            FitsHandle handle = hdu.File.EnterHdu(hdu.Index);
            byte* comment = stackalloc byte[Cfitsio.CommentLength + 1];
            comment[0] = 0;
            int status = 0;
            Cfitsio.ReadRecord(handle, 0, null, ref status);   // rewind: find the first occurrence
            Cfitsio.MarkErrorMessages();
            (int readStatus, T value) = read(handle, comment);
            Cfitsio.ClearErrorMessagesToMark();
            return (readStatus, value, Decode(comment));
        }
    }

    private static (int Status, T Value) Drop<T>((int Status, T Value, string Comment) result) => (result.Status, result.Value);

    private static void Encode(string record, byte* card)
    {
        int length = Math.Min(record.TrimEnd(' ').Length, 80);
        for (int i = 0; i < length; i++)
        {
            card[i] = (byte)record[i];
        }

        card[length] = 0;
    }

    private static string Decode(byte* text) => Marshal.PtrToStringAnsi((IntPtr)text) ?? string.Empty;

    private delegate (int Status, T Value) ReadWithComment<T>(FitsHandle handle, byte* comment);
}
