using CfitsioNet.Interop;
using CfitsioNet.Validation;

namespace CfitsioNet;

/// <summary>Checks run before pixels are read or buffers allocated from header values.</summary>
public sealed partial class ImageHdu
{
    private bool _dataInFileChecked;

    /// <summary>
    /// Throws a <see cref="FitsException"/> (status 107, END_OF_FILE) when the file ends before the last byte of an
    /// uncompressed image's data, so a truncated or lying header never sizes a buffer larger than the file.
    /// Tile-compressed images are left to CFITSIO, which checks each tile as it reads it.
    /// </summary>
    private void EnsureDataInFile(ImageInfo info)
    {
        if (_dataInFileChecked || info.ElementCount == 0)
        {
            return;
        }

        lock (File.Sync)
        {
            if (Index == 0 && File.DeferredPrimaryDataInFile() == true)
            {
                _dataInFileChecked = true; // else CFITSIO opens and the checks below report
                return;
            }

            FitsHandle handle = File.EnterHdu(Index);
            if (!info.IsCompressed) // the header read asked CFITSIO (ImageHdu.ReadInfo)
            {
                CfitsioProxy.GetHduOffsets(handle, out _, out long dataStart, out _, "read pixels", At);
                long bytes = ImageGeometry.DataBytes(info);
                long lastByte = dataStart > long.MaxValue - bytes ? long.MaxValue : dataStart + bytes - 1;
                long? readOnlyLength = File.IsWritable ? null
                    : File.ReadOnlyMemoryLength ?? (Cfitsio.GetDriverPrefix(handle) == "file://" ? new System.IO.FileInfo(File.FileName).Length : null);
                if (readOnlyLength is { } length)
                {
                    // A read-only plain file (or memory) is what CFITSIO reads: its length answers without reading (and
                    // accepts data that ends exactly at the end of the file, unpadded, as CFITSIO's pixel reader does).
                    // Not CFITSIO's own idea of the end: looking for an HDU past the end leaves it a zero-filled block longer.
                    if (length <= lastByte)
                    {
                        throw DataPastEnd(Cfitsio.EndOfFile, FitsStatus.StatusText(Cfitsio.EndOfFile), bytes, dataStart, lastByte);
                    }
                }
                else
                {
                    try
                    {
                        CfitsioProxy.MoveToByte(handle, lastByte, Cfitsio.ReportEndOfFile, "read pixels", At);
                    }
                    catch (FitsException e)
                    {
                        // CFITSIO's status (END_OF_FILE, or READ_ERROR from a short read) with what it means here
                        // in place of CFITSIO's own messages, which the exception took off the stack.
                        throw DataPastEnd(e.Status, e.StatusText, bytes, dataStart, lastByte);
                    }
                }
            }

            _dataInFileChecked = true;
        }
    }

    private FitsException DataPastEnd(int code, string codeText, long bytes, long dataStart, long lastByte)
    {
        string message = $"the header says the data take {bytes} bytes from byte {dataStart}, but the file ends before byte {lastByte + 1}";
        return new FitsException(code, codeText, [message], File.FileName, "read pixels", Index);
    }
}
