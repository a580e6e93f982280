using System.Runtime.InteropServices;
using System;

namespace CfitsioNet.Interop;

/// <summary>Checked wrappers for the entry points in <c>Cfitsio.Hdus.cs</c> (see <see cref="CfitsioProxy"/>).</summary>
internal static unsafe partial class CfitsioProxy
{
    /// <summary>Checked <see cref="Cfitsio.GetHduCount"/> (<c>ffthdu</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void GetHduCount(FitsHandle file, out int count, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.GetHduCount(file, out count, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.MoveToHdu"/> (<c>ffmahd</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void MoveToHdu(FitsHandle file, int hduNumber, out int hduType, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MoveToHdu(file, hduNumber, out hduType, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.MoveToNamedHdu"/> (<c>ffmnhd</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void MoveToNamedHdu(FitsHandle file, int hduType, string name, int version, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MoveToNamedHdu(file, hduType, name, version, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.GetHduType"/> (<c>ffghdt</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void GetHduType(FitsHandle file, out int hduType, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.GetHduType(file, out hduType, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.GetHduOffsets"/> (<c>ffghadll</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void GetHduOffsets(FitsHandle file, out long headerStart, out long dataStart, out long dataEnd, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.GetHduOffsets(file, out headerStart, out dataStart, out dataEnd, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.RereadDefinition"/> (<c>ffrdef</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void RereadDefinition(FitsHandle file, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.RereadDefinition(file, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <c>ffmnhd</c> that answers false (and leaves no message behind) when the status is one of <paramref name="expected"/>, typically <see cref="Cfitsio.BadHduNumber"/> (no such HDU).</summary>
    internal static bool TryMoveToNamedHdu(FitsHandle file, int hduType, string name, int version, Expected expected, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.MoveToNamedHdu(file, hduType, name, version, ref status);
        return EndTry(status, expected, operation, at);
    }

    /// <summary>Checked <c>ffghadll</c> that answers false (and leaves no message behind) when the status is one of <paramref name="expected"/>.</summary>
    internal static bool TryGetHduOffsets(FitsHandle file, out long headerStart, out long dataStart, out long dataEnd, Expected expected, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.GetHduOffsets(file, out headerStart, out dataStart, out dataEnd, ref status);
        return EndTry(status, expected, operation, at);
    }

    /// <summary>
    /// <c>ffmahd</c> as a probe: true when HDU <paramref name="hduNumber"/> (1-based) lies past the end of the file
    /// (END_OF_FILE, or an unknown record where its header would start); false when the move succeeds or fails for any
    /// other reason (a header there that CFITSIO cannot read is still an HDU). Never throws; leaves no message behind.
    /// </summary>
    internal static bool IsPastLastHdu(FitsHandle file, int hduNumber)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.MoveToHdu(file, hduNumber, out _, ref status);
        Cfitsio.ClearErrorMessagesToMark();
        return status is Cfitsio.EndOfFile or Cfitsio.UnknownRecord;
    }
}
