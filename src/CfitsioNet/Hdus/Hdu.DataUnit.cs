using System;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>The HDU's position in the file and the raw bytes of its data unit.</summary>
public abstract partial class Hdu
{
    /// <summary>
    /// Where the header and the data unit of this HDU lie in the file (CFITSIO's <c>ffghadll</c>). The data unit's
    /// length without padding follows from the header: |BITPIX| / 8 * GCOUNT * (PCOUNT + NAXIS1 * ... * NAXISn).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The file was disposed.</exception>
    /// <exception cref="FitsException">CFITSIO could not reach the HDU.</exception>
    public HduLayout Layout
    {
        get
        {
            lock (File.Sync)
            {
                FitsHandle handle = File.EnterHdu(Index);
                CfitsioProxy.GetHduOffsets(handle, out long headerStart, out long dataStart, out long dataEnd, "get HDU layout", At);
                return new HduLayout(headerStart, dataStart, dataEnd);
            }
        }
    }

    /// <summary>
    /// Reads bytes of the data unit exactly as stored: big-endian, no BZERO/BSCALE, no decompression (a tile-compressed
    /// image gives its binary table's bytes, heap included). For comparing or checksumming data that no typed reader
    /// covers; read pixels with <see cref="ImageHdu.Read{T}(ReadOptions)"/>.
    /// </summary>
    /// <param name="offset">Offset from the start of the data unit (<see cref="HduLayout.DataStart"/>).</param>
    /// <param name="destination">Receives <c>destination.Length</c> bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range reaches past the padded data unit (<see cref="HduLayout.PaddedDataSize"/>).</exception>
    /// <exception cref="ObjectDisposedException">The file was disposed.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the bytes, for example because the file is truncated (status 107 or 108).</exception>
    public unsafe void ReadDataBytes(long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        lock (File.Sync)
        {
            FitsHandle handle = File.EnterHdu(Index);
            CfitsioProxy.GetHduOffsets(handle, out _, out long dataStart, out long dataEnd, "read data bytes", At);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, dataEnd - dataStart - destination.Length);
            if (destination.IsEmpty)
            {
                return;
            }

            fixed (byte* bytes = destination)
            {
                CfitsioProxy.MoveToByte(handle, dataStart + offset, Cfitsio.ReportEndOfFile, "read data bytes", At);
                CfitsioProxy.ReadBytes(handle, destination.Length, bytes, "read data bytes", At);
            }
        }
    }
}
