using System.Runtime.InteropServices;
using System;

namespace CfitsioNet.Interop;

/// <summary>Checked wrappers for the entry points in <c>Cfitsio.Files.cs</c> (see <see cref="CfitsioProxy"/>).</summary>
internal static unsafe partial class CfitsioProxy
{
    /// <summary>Checked <see cref="Cfitsio.OpenDiskFile"/> (<c>ffdkopn</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void OpenDiskFile(out IntPtr file, string fileName, int ioMode, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.OpenDiskFile(out file, fileName, ioMode, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.OpenExtended"/> (<c>ffopen</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void OpenExtended(out FitsHandle file, string fileName, int ioMode, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.OpenExtended(out file, fileName, ioMode, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.Close"/> (<c>ffclos</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void Close(IntPtr file, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.Close(file, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.CreateDiskFile"/> (<c>ffdkinit</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void CreateDiskFile(out FitsHandle file, string fileName, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.CreateDiskFile(out file, fileName, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.OpenMemory"/> (<c>ffomem</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void OpenMemory(out IntPtr file, string name, int ioMode, void** buffer, nuint* size, nuint deltaSize, IntPtr realloc, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.OpenMemory(out file, name, ioMode, buffer, size, deltaSize, realloc, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.CreateMemory"/> (<c>ffimem</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void CreateMemory(out IntPtr file, void** buffer, nuint* size, nuint deltaSize, IntPtr realloc, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.CreateMemory(out file, buffer, size, deltaSize, realloc, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.Flush"/> (<c>ffflus</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void Flush(FitsHandle file, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.Flush(file, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.FlushBuffers"/> (<c>ffflsh</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void FlushBuffers(FitsHandle file, int clearBuffers, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.FlushBuffers(file, clearBuffers, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.MoveToByte"/> (<c>ffmbyt</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void MoveToByte(FitsHandle file, long bytePosition, int errorMode, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MoveToByte(file, bytePosition, errorMode, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.ReadBytes"/> (<c>ffgbyt</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void ReadBytes(FitsHandle file, long byteCount, byte* buffer, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.ReadBytes(file, byteCount, buffer, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <c>ffmbyt</c> that answers false (and leaves no message behind) when the status is one of <paramref name="expected"/>, typically <see cref="Cfitsio.EndOfFile"/>.</summary>
    internal static bool TryMoveToByte(FitsHandle file, long bytePosition, int errorMode, Expected expected, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.MoveToByte(file, bytePosition, errorMode, ref status);
        return EndTry(status, expected, operation, at);
    }

    /// <summary>
    /// Checked <c>ffdkopn</c> for a file that must open: for a non-zero status, or no file, closes whatever CFITSIO
    /// returned and throws a <see cref="FitsException"/>; with <paramref name="hduFromStatus"/> it names the HDU the
    /// status says the failure is about (<see cref="FitsStatus.OpenFailureHdu"/>), else <paramref name="at"/>'s.
    /// </summary>
    /// <returns>The open <c>fitsfile*</c>, never zero.</returns>
    internal static IntPtr OpenDiskFileOrClose(string fileName, int ioMode, bool hduFromStatus, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.OpenDiskFile(out IntPtr file, fileName, ioMode, ref status);
        return OpenedOrClosed(file, status, operation, at.FileName, hduFromStatus ? FitsStatus.OpenFailureHdu(status) : at.Hdu);
    }

    /// <summary>Checked <c>ffclos</c> that answers false (and leaves no message behind) when the status is one of <paramref name="expected"/>; <see cref="Expected.Any"/> to close a file being given up.</summary>
    internal static bool TryClose(IntPtr file, Expected expected, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.Close(file, ref status);
        return EndTry(status, expected, operation, at);
    }

    /// <summary>
    /// Checked <c>ffopen</c> for a specification that must open: for a non-zero status, or no file, disposes the handle
    /// and throws a <see cref="FitsException"/> naming the HDU the status says the failure is about.
    /// </summary>
    /// <returns>The handle holding the open file.</returns>
    internal static FitsHandle OpenExtendedOrDispose(string specification, int ioMode, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.OpenExtended(out FitsHandle file, specification, ioMode, ref status);
        if (status != 0 || file.IsInvalid)
        {
            file.Dispose();
            throw FitsStatus.Create(status, operation, at.FileName, FitsStatus.OpenFailureHdu(status));
        }

        return file;
    }

    /// <summary>
    /// Checked <c>ffdkinit</c>: for a non-zero status, or no file, disposes the handle and throws a
    /// <see cref="FitsException"/>.
    /// </summary>
    /// <returns>The handle holding the new file.</returns>
    internal static FitsHandle CreateDiskFileOrDispose(string fileName, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.CreateDiskFile(out FitsHandle file, fileName, ref status);
        if (status != 0 || file.IsInvalid)
        {
            file.Dispose();
            throw FitsStatus.Create(status, operation, at.FileName, at.Hdu);
        }

        return file;
    }

    /// <summary>
    /// Checked <c>ffomem</c> for memory that must open: for a non-zero status, or no file, closes whatever CFITSIO
    /// returned and throws a <see cref="FitsException"/> naming the HDU the status says the failure is about.
    /// </summary>
    /// <returns>The open <c>fitsfile*</c>, never zero.</returns>
    internal static IntPtr OpenMemoryOrClose(string name, int ioMode, void** buffer, nuint* size, nuint deltaSize, IntPtr realloc, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.OpenMemory(out IntPtr file, name, ioMode, buffer, size, deltaSize, realloc, ref status);
        return OpenedOrClosed(file, status, operation, at.FileName, FitsStatus.OpenFailureHdu(status));
    }

    /// <summary>Checked <c>ffimem</c>: for a non-zero status, or no file, closes whatever CFITSIO returned and throws a <see cref="FitsException"/>.</summary>
    /// <returns>The new <c>fitsfile*</c>, never zero.</returns>
    internal static IntPtr CreateMemoryOrClose(void** buffer, nuint* size, nuint deltaSize, IntPtr realloc, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.CreateMemory(out IntPtr file, buffer, size, deltaSize, realloc, ref status);
        return OpenedOrClosed(file, status, operation, at.FileName, FitsStatus.OpenFailureHdu(status));
    }

    // The file an open or create returned, or, on failure, the exception about HDU hdu (after closing what CFITSIO returned).
    private static IntPtr OpenedOrClosed(IntPtr file, int status, string operation, string? fileName, int? hdu)
    {
        if (status != 0 || file == IntPtr.Zero)
        {
            if (file != IntPtr.Zero)
            {
                int ignored = 0;
                Cfitsio.Close(file, ref ignored);
            }

            throw FitsStatus.Create(status, operation, fileName, hdu);
        }

        return file;
    }
}
