using System.Runtime.InteropServices;
using System;

namespace CfitsioNet.Interop;

/// <summary>Checked wrappers for the entry points in <c>Cfitsio.Keywords.cs</c> (see <see cref="CfitsioProxy"/>).</summary>
internal static unsafe partial class CfitsioProxy
{
    /// <summary>Checked <see cref="Cfitsio.GetHeaderSpace"/> (<c>ffghsp</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void GetHeaderSpace(FitsHandle file, out int existing, out int more, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.GetHeaderSpace(file, out existing, out more, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.ReadRecord"/> (<c>ffgrec</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void ReadRecord(FitsHandle file, int recordNumber, byte* card, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.ReadRecord(file, recordNumber, card, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.AppendRecord"/> (<c>ffprec</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void AppendRecord(FitsHandle file, byte* card, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.AppendRecord(file, card, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.InsertRecord"/> (<c>ffirec</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void InsertRecord(FitsHandle file, int recordNumber, byte* card, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.InsertRecord(file, recordNumber, card, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.DeleteRecord"/> (<c>ffdrec</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void DeleteRecord(FitsHandle file, int recordNumber, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.DeleteRecord(file, recordNumber, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.ReadKeyLogical"/> (<c>ffgkyl</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void ReadKeyLogical(FitsHandle file, string keyName, out int value, byte* comment, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.ReadKeyLogical(file, keyName, out value, comment, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.ReadKeyString"/> (<c>ffgkys</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void ReadKeyString(FitsHandle file, string keyName, byte* value, byte* comment, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.ReadKeyString(file, keyName, value, comment, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.ReadKeyDouble"/> (<c>ffgkyd</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void ReadKeyDouble(FitsHandle file, string keyName, out double value, byte* comment, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.ReadKeyDouble(file, keyName, out value, comment, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.ReadKeyLong"/> (<c>ffgkyjj</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void ReadKeyLong(FitsHandle file, string keyName, out long value, byte* comment, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.ReadKeyLong(file, keyName, out value, comment, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.PutKeyString"/> (<c>ffpkys</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void PutKeyString(FitsHandle file, string keyName, string value, string? comment, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.PutKeyString(file, keyName, value, comment, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.PutKeyLong"/> (<c>ffpkyj</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void PutKeyLong(FitsHandle file, string keyName, long value, string? comment, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.PutKeyLong(file, keyName, value, comment, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.PutKeyDouble"/> (<c>ffpkyd</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void PutKeyDouble(FitsHandle file, string keyName, double value, int decimals, string? comment, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.PutKeyDouble(file, keyName, value, decimals, comment, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.PutKeyLogical"/> (<c>ffpkyl</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void PutKeyLogical(FitsHandle file, string keyName, int value, string? comment, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.PutKeyLogical(file, keyName, value, comment, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.ReadCard"/> (<c>ffgcrd</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void ReadCard(FitsHandle file, string keyName, byte* card, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.ReadCard(file, keyName, card, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.InsertKeyLong"/> (<c>ffikyj</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void InsertKeyLong(FitsHandle file, string keyName, long value, string? comment, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.InsertKeyLong(file, keyName, value, comment, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.UpdateKeyLong"/> (<c>ffukyj</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void UpdateKeyLong(FitsHandle file, string keyName, long value, string? comment, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.UpdateKeyLong(file, keyName, value, comment, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <c>ffgkyd</c> that answers false (and leaves no message behind) when the status is one of <paramref name="expected"/>, typically <see cref="Cfitsio.KeyNotFound"/>.</summary>
    internal static bool TryReadKeyDouble(FitsHandle file, string keyName, out double value, byte* comment, Expected expected, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.ReadKeyDouble(file, keyName, out value, comment, ref status);
        return EndTry(status, expected, operation, at);
    }

    /// <summary>Checked <c>ffgkyjj</c> that answers false (and leaves no message behind) when the status is one of <paramref name="expected"/>, typically <see cref="Cfitsio.KeyNotFound"/>.</summary>
    internal static bool TryReadKeyLong(FitsHandle file, string keyName, out long value, byte* comment, Expected expected, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.ReadKeyLong(file, keyName, out value, comment, ref status);
        return EndTry(status, expected, operation, at);
    }

    /// <summary>Checked <c>ffgkyl</c> that answers false (and leaves no message behind) when the status is one of <paramref name="expected"/>, typically <see cref="Cfitsio.KeyNotFound"/>.</summary>
    internal static bool TryReadKeyLogical(FitsHandle file, string keyName, out int value, byte* comment, Expected expected, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.ReadKeyLogical(file, keyName, out value, comment, ref status);
        return EndTry(status, expected, operation, at);
    }

    /// <summary>Checked <c>ffgkys</c> that answers false (and leaves no message behind) when the status is one of <paramref name="expected"/>, typically <see cref="Cfitsio.KeyNotFound"/>.</summary>
    internal static bool TryReadKeyString(FitsHandle file, string keyName, byte* value, byte* comment, Expected expected, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.ReadKeyString(file, keyName, value, comment, ref status);
        return EndTry(status, expected, operation, at);
    }

    /// <summary>Checked <c>ffgcrd</c> that answers false (and leaves no message behind) when the status is one of <paramref name="expected"/>, typically <see cref="Cfitsio.KeyNotFound"/>.</summary>
    internal static bool TryReadCard(FitsHandle file, string keyName, byte* card, Expected expected, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.ReadCard(file, keyName, card, ref status);
        return EndTry(status, expected, operation, at);
    }

    /// <summary>Checked <c>ffghsp</c> that answers false (and leaves no message behind) when the status is one of <paramref name="expected"/>.</summary>
    internal static bool TryGetHeaderSpace(FitsHandle file, out int existing, out int more, Expected expected, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.GetHeaderSpace(file, out existing, out more, ref status);
        return EndTry(status, expected, operation, at);
    }

    /// <summary>Checked <c>ffgrec</c> that answers false (and leaves no message behind) when the status is one of <paramref name="expected"/>.</summary>
    internal static bool TryReadRecord(FitsHandle file, int recordNumber, byte* card, Expected expected, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.ReadRecord(file, recordNumber, card, ref status);
        return EndTry(status, expected, operation, at);
    }

    /// <summary>
    /// <c>ffgkyjj</c> as a probe, where every failure is an answer (<see cref="Expected.Any"/>) but an absent keyword
    /// means something else than an unreadable one: true with the value; false with <paramref name="missing"/> true for
    /// <see cref="Cfitsio.KeyNotFound"/>, false for any other status. Leaves no message behind.
    /// </summary>
    internal static bool TryReadKeyLong(FitsHandle file, string keyName, out long value, byte* comment, out bool missing, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.ReadKeyLong(file, keyName, out value, comment, ref status);
        missing = status == Cfitsio.KeyNotFound;
        return EndTry(status, Expected.Any, operation, at);
    }

    /// <summary>
    /// <c>ffgkys</c> as a probe (see the <c>ffgkyjj</c> one): true with the value; false with <paramref name="missing"/>
    /// true for <see cref="Cfitsio.KeyNotFound"/>, false for any other status. Leaves no message behind.
    /// </summary>
    internal static bool TryReadKeyString(FitsHandle file, string keyName, byte* value, byte* comment, out bool missing, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.ReadKeyString(file, keyName, value, comment, ref status);
        missing = status == Cfitsio.KeyNotFound;
        return EndTry(status, Expected.Any, operation, at);
    }

    /// <summary>
    /// <c>ffgrec</c> of the <paramref name="count"/> records from <paramref name="first"/> into consecutive
    /// <see cref="Cfitsio.CardLength"/>-byte slots of <paramref name="cards"/> (each NUL-terminated), under one mark:
    /// answers false (and leaves no message behind) when a read fails with a status in <paramref name="expected"/>,
    /// stopping there; any other status throws. For scans of many records, where a mark per record would cost more than
    /// the reads themselves.
    /// </summary>
    internal static bool TryReadRecords(FitsHandle file, int first, int count, byte* cards, Expected expected, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        for (int i = 0; i < count && status == 0; i++)
        {
            byte* card = cards + ((long)i * Cfitsio.CardLength);
            card[0] = 0;
            Cfitsio.ReadRecord(file, first + i, card, ref status);
        }

        return EndTry(status, expected, operation, at);
    }
}
