using System;
using System.Runtime.InteropServices;
using System.Text;

namespace CfitsioNet.Bench.Native;

/// <summary>
/// Writes the investigation's test images through CFITSIO when astropy is not there to do it (and the few
/// images astropy's generator does not make). The library cannot write yet, so the bench declares the handful
/// of CFITSIO calls it needs; they resolve to the same libcfitsio the library loaded.
/// </summary>
internal static unsafe partial class CfitsioWriter
{
    /// <summary>Logical name; <see cref="BenchLibraryResolver"/> maps it to CfitsioNet's loaded CFITSIO.</summary>
    internal const string Library = "cfitsio";

    // CFITSIO's codes.
    internal const int ByteImage = 8, ShortImage = 16, LongImage = 32, LongLongImage = 64, FloatImage = -32, DoubleImage = -64, UShortImage = 20;
    private const int TByte = 11, TUShort = 20, TShort = 21, TInt = 31, TLongLong = 81, TFloat = 42, TDouble = 82;
    private const int Rice = 11;

    static CfitsioWriter() => BenchLibraryResolver.Register();

    /// <summary>
    /// Writes <paramref name="pixels"/> (C order) as an image of the given <paramref name="shape"/> (C order) to a new
    /// file, replacing any file of that name. <paramref name="bitpix"/> is CFITSIO's image type (USHORT_IMG writes
    /// BITPIX 16 with BZERO 32768); <paramref name="scale"/> adds BSCALE/BZERO keywords with the raw values written
    /// unscaled; <paramref name="riceCompressed"/> writes a Rice tile-compressed image extension (HDU 2).
    /// </summary>
    internal static void Write<T>(string path, int bitpix, ReadOnlySpan<long> shape, ReadOnlySpan<T> pixels,
                                  (double Bscale, double Bzero)? scale = null, bool riceCompressed = false)
        where T : unmanaged
    {
        int dataType = typeof(T) == typeof(byte) ? TByte
            : typeof(T) == typeof(short) ? TShort
            : typeof(T) == typeof(ushort) ? TUShort
            : typeof(T) == typeof(int) ? TInt
            : typeof(T) == typeof(long) ? TLongLong
            : typeof(T) == typeof(float) ? TFloat
            : typeof(T) == typeof(double) ? TDouble
            : throw new NotSupportedException(typeof(T).Name);

        int status = 0;
        System.IO.File.Delete(path);
        Check(CreateFile(out IntPtr file, path, ref status), status, "create " + path);
        try
        {
            if (riceCompressed)
            {
                Check(SetCompressionType(file, Rice, ref status), status, "set compression");
            }

            long* axes = stackalloc long[shape.Length];
            long* first = stackalloc long[shape.Length];
            for (int i = 0; i < shape.Length; i++)
            {
                axes[i] = shape[shape.Length - 1 - i];
                first[i] = 1;
            }

            Check(CreateImage(file, bitpix, shape.Length, axes, ref status), status, "create image");
            if (scale is { } s)
            {
                double bscale = s.Bscale, bzero = s.Bzero;
                Check(WriteKey(file, TDouble, "BSCALE", &bscale, "physical = BZERO + BSCALE * stored", ref status), status, "BSCALE");
                Check(WriteKey(file, TDouble, "BZERO", &bzero, null, ref status), status, "BZERO");
                // Write the stored values as given: no scaling on the way out.
                Check(SetScaling(file, 1.0, 0.0, ref status), status, "set scaling");
            }

            fixed (T* data = pixels)
            {
                Check(WritePixels(file, dataType, first, pixels.Length, data, ref status), status, "write pixels");
            }
        }
        finally
        {
            int closeStatus = 0;
            Close(file, ref closeStatus);
            Check(0, closeStatus, "close " + path);
        }
    }

    private static void Check(int unused, int status, string what)
    {
        _ = unused;
        if (status == 0)
        {
            return;
        }

        byte* text = stackalloc byte[32];
        GetStatusText(status, text);
        var message = new StringBuilder($"CFITSIO: {what}: status {status} ({Marshal.PtrToStringUTF8((IntPtr)text)})");
        byte* line = stackalloc byte[81];
        while (PopErrorMessage(line) != 0)
        {
            message.Append("; ").Append(Marshal.PtrToStringUTF8((IntPtr)line));
        }

        throw new InvalidOperationException(message.ToString());
    }

    /// <summary><c>ffinit</c>: creates a new file (the name may carry extended syntax such as a leading '!').</summary>
    [LibraryImport(Library, EntryPoint = "ffinit", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int CreateFile(out IntPtr file, string name, ref int status);

    /// <summary><c>fits_set_compression_type</c>: images created next are tile-compressed with this algorithm.</summary>
    [LibraryImport(Library, EntryPoint = "fits_set_compression_type")]
    private static partial int SetCompressionType(IntPtr file, int compressionType, ref int status);

    /// <summary><c>ffcrimll</c>: appends an image HDU; <paramref name="axes"/> in Fortran order.</summary>
    [LibraryImport(Library, EntryPoint = "ffcrimll")]
    private static partial int CreateImage(IntPtr file, int bitpix, int rank, long* axes, ref int status);

    /// <summary><c>ffpky</c>: writes a keyword of the given datatype.</summary>
    [LibraryImport(Library, EntryPoint = "ffpky", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int WriteKey(IntPtr file, int dataType, string name, void* value, string? comment, ref int status);

    /// <summary><c>ffpscl</c>: the scaling CFITSIO applies when writing pixels (1, 0: none).</summary>
    [LibraryImport(Library, EntryPoint = "ffpscl")]
    private static partial int SetScaling(IntPtr file, double scale, double zero, ref int status);

    /// <summary><c>ffppxll</c>: writes <paramref name="count"/> pixels from the 1-based Fortran-order <paramref name="first"/>.</summary>
    [LibraryImport(Library, EntryPoint = "ffppxll")]
    private static partial int WritePixels(IntPtr file, int dataType, long* first, long count, void* data, ref int status);

    /// <summary><c>ffclos</c>: flushes and closes the file.</summary>
    [LibraryImport(Library, EntryPoint = "ffclos")]
    private static partial int Close(IntPtr file, ref int status);

    /// <summary><c>ffgerr</c>: the short text for a status code.</summary>
    [LibraryImport(Library, EntryPoint = "ffgerr")]
    private static partial void GetStatusText(int status, byte* text);

    /// <summary><c>ffgmsg</c>: pops the oldest message off CFITSIO's error stack; 0 when empty.</summary>
    [LibraryImport(Library, EntryPoint = "ffgmsg")]
    private static partial int PopErrorMessage(byte* message);
}
