using System.Runtime.InteropServices;
using System;

namespace CfitsioNet.Interop;

/// <summary>Checked wrappers for the entry points in <c>Cfitsio.Checksums.cs</c> (see <see cref="CfitsioProxy"/>).</summary>
internal static unsafe partial class CfitsioProxy
{
    /// <summary>Checked <see cref="Cfitsio.VerifyChecksum"/> (<c>ffvcks</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void VerifyChecksum(FitsHandle file, out int dataStatus, out int hduStatus, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.VerifyChecksum(file, out dataStatus, out hduStatus, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.WriteChecksum"/> (<c>ffpcks</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void WriteChecksum(FitsHandle file, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.WriteChecksum(file, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }
}
