using System;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>DATASUM and CHECKSUM keywords (the FITS checksum convention).</summary>
public abstract partial class Hdu
{
    /// <summary>
    /// Verifies the DATASUM and CHECKSUM keywords against the bytes in the file (CFITSIO's <c>ffvcks</c>). A missing or
    /// wrong checksum is reported in the result, never thrown.
    /// </summary>
    /// <returns>The status of each keyword.</returns>
    /// <exception cref="ObjectDisposedException">The file was disposed.</exception>
    /// <exception cref="FitsException">The HDU could not be read (for example, the file is truncated).</exception>
    public ChecksumResult VerifyChecksum()
    {
        lock (File.Sync)
        {
            FitsHandle handle = File.EnterHdu(Index);
            CfitsioProxy.VerifyChecksum(handle, out int dataStatus, out int hduStatus, "verify checksum", At);
            return new ChecksumResult(ToStatus(dataStatus), ToStatus(hduStatus));
        }
    }

    /// <summary>
    /// Computes the checksums of this HDU and writes them to DATASUM and CHECKSUM, adding the keywords if needed
    /// (CFITSIO's <c>ffpcks</c>). Call it after the last change to the HDU: any later change invalidates them.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file was opened read-only.</exception>
    /// <exception cref="ObjectDisposedException">The file was disposed.</exception>
    /// <exception cref="FitsException">CFITSIO could not compute or write the checksums.</exception>
    public void UpdateChecksum()
    {
        lock (File.Sync)
        {
            FitsHandle handle = File.EnterHdu(Index);
            if (!File.IsWritable)
            {
                throw new InvalidOperationException($"'{File.FileName}' was opened read-only; its checksums cannot be written.");
            }

            File.EnsureUpdateCopy(); // the data are read whole and the header may grow: never in place
            handle = File.EnterHdu(Index);

            bool failed = true;
            try
            {
                CfitsioProxy.WriteChecksum(handle, "update checksum", At);
                failed = false;
            }
            finally
            {
                RefreshHeader(handle, failed);
            }
        }
    }

    private static ChecksumStatus ToStatus(int checksum) => checksum switch
    {
        1 => ChecksumStatus.Valid,
        0 => ChecksumStatus.Missing,
        _ => ChecksumStatus.Invalid,
    };
}
