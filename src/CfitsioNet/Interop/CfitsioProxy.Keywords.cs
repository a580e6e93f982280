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
}
