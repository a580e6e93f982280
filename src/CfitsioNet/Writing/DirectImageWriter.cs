using System;
using System.IO;
using CfitsioNet.Interop;
using Microsoft.Win32.SafeHandles;

namespace CfitsioNet.Direct;

/// <summary>
/// The direct write path for uncompressed images: CFITSIO writes the header (so every card is CFITSIO's), then the
/// pixels are converted to FITS big-endian by the vectorised kernels of <see cref="Endian"/> into a staging buffer
/// and written with positioned writes into the file, zero-padded to the 2880-byte block as CFITSIO pads, and CFITSIO
/// is told where the file now ends. The bytes are those CFITSIO's <c>ffppr</c> would have written.
/// </summary>
/// <remarks>
/// <para>
/// CFITSIO keeps its own idea of the file's size: records past it are new to it, so it would zero-fill the gap before
/// the next record it writes (overwriting the pixels) and treat the data's last block as missing when it closes the
/// HDU. After writing, the path therefore moves CFITSIO's <c>filesize</c> and <c>logfilesize</c> to the end of the data
/// unit. It only does so when CFITSIO's answers confirm the structure it reads (<c>validcode</c>, the data start
/// <c>ffghadll</c> reports, both sizes at the data start after a flush, so no buffer of CFITSIO holds a record of the
/// data unit); otherwise, and for CFITSIO other than 4.x, on big-endian or 32-bit hosts, the caller writes through
/// CFITSIO as before.
/// </para>
/// <para>
/// Turned off for the process by the AppContext switch <c>CfitsioNet.DisableDirectWrite</c> or the environment
/// variable <c>CFITSIONET_DIRECT_WRITE=0</c> (read once), like <see cref="DirectReadSwitch"/>.
/// </para>
/// </remarks>
internal static unsafe class DirectImageWriter
{
    /// <summary>The AppContext switch name.</summary>
    internal const string SwitchName = "CfitsioNet.DisableDirectWrite";

    /// <summary>The environment variable; "0", "false" or "off" turn the direct write path off.</summary>
    internal const string EnvironmentVariable = "CFITSIONET_DIRECT_WRITE";

    [ThreadStatic]
    private static byte[]? t_staging;

    [ThreadStatic]
    private static long t_writes;

    /// <summary>Whether the path may be used; from the switch, settable by tests.</summary>
    internal static bool Enabled { get; set; } = !DirectReadSwitch.IsDisabled(
        AppContext.TryGetSwitch(SwitchName, out bool disabled) ? disabled : null, Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>Bytes converted and written per positioned write: L2-sized, so the kernel copies from cache. Settable by tests.</summary>
    internal static int StagingBytes { get; set; } = 256 * 1024;

    /// <summary>How many images the calling thread wrote by the direct path (tests check that it was taken).</summary>
    internal static long Writes => t_writes;

    /// <summary>
    /// Writes the data unit of the image HDU CFITSIO has just created (header written, no pixel yet) into
    /// <paramref name="path"/>, the file behind <paramref name="handle"/> (<paramref name="fileName"/> and
    /// <paramref name="hduIndex"/> name it in errors). Returns false, having written nothing, when
    /// the path does not apply; the caller then writes through CFITSIO. Call under the file's lock.
    /// </summary>
    /// <exception cref="FitsException">CFITSIO failed to flush its buffers or to report the HDU's offsets.</exception>
    /// <exception cref="IOException">The positioned writes failed (the file is then incomplete: fault it).</exception>
    internal static bool TryWrite(FitsHandle handle, string path, string fileName, int hduIndex, PixelType type, void* pixels, long count)
    {
        if (!Enabled || !BitConverter.IsLittleEndian || IntPtr.Size != 8 || count == 0
            || !NativeLibraryResolver.Loaded.Version.StartsWith("4.", StringComparison.Ordinal))
        {
            return false;
        }

        int size = FitsFile.ElementSize(type);
        long dataBytes = checked(count * size);
        var at = new CallContext(fileName, hduIndex);
        CfitsioProxy.FlushBuffers(handle, 0, "flush the header", at);
        CfitsioProxy.GetHduOffsets(handle, out _, out long dataStart, out long dataEnd, "locate the data unit", at);

        bool added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            Cfitsio.FitsFileState* state = ((Cfitsio.FitsFileHandle*)handle.DangerousGetHandle())->File;
            if (state is null || state->ValidCode != Cfitsio.ValidStructure || state->DataStart != dataStart || state->WriteMode != Cfitsio.ReadWrite
                || state->FileSize != dataStart || state->LogicalFileSize != dataStart
                || dataEnd - dataStart != (dataBytes + FitsBlock.Bytes - 1) / FitsBlock.Bytes * FitsBlock.Bytes)
            {
                return false;
            }

            try
            {
                using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                WriteData(file, dataStart, dataEnd - dataStart, type, (byte*)pixels, dataBytes);
            }
            catch (IOException e)
            {
                // The message names the temporary file; the user knows the file by its target name.
                throw new IOException($"Cannot write the pixels of HDU {hduIndex} of the FITS file '{fileName}' (temporary file '{path}'): {e.Message}", e);
            }

            // The data unit is on disk: CFITSIO must read its records from there, never make them anew.
            state->FileSize = dataEnd;
            state->LogicalFileSize = dataEnd;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        t_writes++;
        return true;
    }

    private static void WriteData(SafeFileHandle file, long offset, long paddedBytes, PixelType type, byte* source, long dataBytes)
    {
        int size = FitsFile.ElementSize(type);
        int chunk = Math.Max(StagingBytes / 8, 1) * 8;
        byte[] staging = t_staging is { } cached && cached.Length == chunk
            ? cached
            : t_staging = GC.AllocateUninitializedArray<byte>(chunk, pinned: true);
        fixed (byte* stage = staging)
        {
            for (long done = 0; done < paddedBytes;)
            {
                long data = Math.Min(chunk, Math.Max(dataBytes - done, 0));
                Convert(type, source + done, stage, (nuint)(data / size));
                int length = (int)Math.Min(chunk, paddedBytes - done);
                new Span<byte>(stage + data, length - (int)data).Clear();
                RandomAccess.Write(file, new ReadOnlySpan<byte>(stage, length), offset + done);
                done += length;
            }
        }
    }

    private static void Convert(PixelType type, byte* source, byte* destination, nuint count)
    {
        switch (type)
        {
            case PixelType.Byte:
                Buffer.MemoryCopy(source, destination, count, count);
                break;
            case PixelType.SByte:
                Endian.FlipSign8(source, destination, count);
                break;
            default:
                Endian.ToBigEndian(source, destination, count, FitsFile.ElementSize(type), type is PixelType.UInt16 or PixelType.UInt32 or PixelType.UInt64);
                break;
        }
    }
}
