using System;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>Writing image HDUs: the public overloads; <see cref="ImageWriter"/> does the work.</summary>
public sealed partial class FitsFile
{
    // Above this many uncompressed bytes, compressed images use 64-bit heap descriptors (the 'Q' format).
    internal const long HugeHduBytes = 1L << 30;

    /// <summary>
    /// Largest number of pixels passed to one CFITSIO write call for uncompressed images: keeps every call's count
    /// within a C <c>long</c> on all platforms. Settable by tests to exercise the chunking on small images.
    /// </summary>
    internal static long WriteChunkElements { get; set; } = 1L << 28;

    /// <summary>
    /// Appends an image HDU holding <paramref name="pixels"/>: the primary HDU if the file has none yet, otherwise an
    /// IMAGE extension (or, when <see cref="ImageWriteOptions.Compression"/> is set, a tile-compressed image, preceded
    /// by an empty primary HDU if it is the first image of the file).
    /// </summary>
    /// <remarks>
    /// The element type chooses BITPIX: <see cref="byte"/> 8, <see cref="short"/> 16, <see cref="int"/> 32,
    /// <see cref="long"/> 64, <see cref="float"/> -32, <see cref="double"/> -64; the unsigned types and
    /// <see cref="sbyte"/> use the FITS offset convention (BITPIX 16 with BZERO 32768 for <see cref="ushort"/>,
    /// BITPIX 8 with BZERO -128 for <see cref="sbyte"/>, and so on), which every FITS reader understands. Reading the
    /// image back as <typeparamref name="T"/> returns exactly these values. If the call throws, the file is faulted
    /// (see <see cref="Commit"/>).
    /// </remarks>
    /// <typeparam name="T">One of byte, sbyte, short, ushort, int, uint, long, ulong, float, double.</typeparam>
    /// <param name="pixels">The pixels in C order (the last axis varies fastest); as many as the shape holds.</param>
    /// <param name="shape">Axis lengths in C order, slowest first: <c>[rows, columns]</c> for a 2-D image, <c>[planes, rows, columns]</c> for a cube. 1 to 999 axes, none negative.</param>
    /// <param name="options">EXTNAME, EXTVER and compression; null for a plain unnamed image.</param>
    /// <returns>The new HDU, readable at once (also after further HDUs are added) until the file is committed or disposed.</returns>
    /// <exception cref="ArgumentException">The shape is empty, has a negative or too many axes, or does not match the pixel count; or the compression options do not suit this image.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a FITS pixel type, or CFITSIO cannot compress this type with the chosen algorithm.</exception>
    /// <exception cref="InvalidOperationException">The file is read-only, or faulted by an earlier failed write.</exception>
    /// <exception cref="ObjectDisposedException">The file has been disposed or committed.</exception>
    /// <exception cref="FitsException">CFITSIO failed to write the HDU.</exception>
    /// <example>
    /// <code>
    /// ushort[] frame = new ushort[1024 * 2048];
    /// ImageHdu hdu = fits.AddImage&lt;ushort&gt;(frame, [1024, 2048], new ImageWriteOptions { Name = "SCI" });
    /// </code>
    /// </example>
    public unsafe ImageHdu AddImage<T>(ReadOnlySpan<T> pixels, ReadOnlySpan<long> shape, ImageWriteOptions? options = null)
        where T : unmanaged
    {
        fixed (T* pointer = pixels)
        {
            return AddImageCore(PixelTypes.Of<T>(), typeof(T), pointer, pixels.Length, shape, options);
        }
    }

    /// <summary>
    /// Appends an image HDU holding the pixels of <paramref name="pixels"/> with the buffer's own
    /// <see cref="NativeBuffer{T}.Shape"/>. Works for images of more than <see cref="int.MaxValue"/> pixels.
    /// </summary>
    /// <typeparam name="T">One of byte, sbyte, short, ushort, int, uint, long, ulong, float, double.</typeparam>
    /// <param name="pixels">The pixels in C order; the buffer's shape is the image's shape.</param>
    /// <param name="options">EXTNAME, EXTVER and compression; null for a plain unnamed image.</param>
    /// <returns>The new HDU.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pixels"/> is null.</exception>
    /// <exception cref="ArgumentException">The buffer's shape is empty, or the compression options do not suit this image.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a FITS pixel type, or cannot be compressed with the chosen algorithm.</exception>
    /// <exception cref="InvalidOperationException">The file is read-only, or faulted by an earlier failed write.</exception>
    /// <exception cref="ObjectDisposedException">The file, or the buffer, has been disposed.</exception>
    /// <exception cref="FitsException">CFITSIO failed to write the HDU.</exception>
    public ImageHdu AddImage<T>(NativeBuffer<T> pixels, ImageWriteOptions? options = null)
        where T : unmanaged
        => AddImage(pixels, pixels is null ? ReadOnlySpan<long>.Empty : [.. pixels.Shape], options);

    /// <summary>
    /// Appends an image HDU holding the pixels of <paramref name="pixels"/> with an explicit shape (for example, a
    /// flat buffer written as a cube). Works for images of more than <see cref="int.MaxValue"/> pixels.
    /// </summary>
    /// <typeparam name="T">One of byte, sbyte, short, ushort, int, uint, long, ulong, float, double.</typeparam>
    /// <param name="pixels">The pixels in C order; exactly as many as <paramref name="shape"/> holds.</param>
    /// <param name="shape">Axis lengths in C order, slowest first.</param>
    /// <param name="options">EXTNAME, EXTVER and compression; null for a plain unnamed image.</param>
    /// <returns>The new HDU.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pixels"/> is null.</exception>
    /// <exception cref="ArgumentException">The shape is invalid or does not match the buffer's length, or the compression options do not suit this image.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a FITS pixel type, or cannot be compressed with the chosen algorithm.</exception>
    /// <exception cref="InvalidOperationException">The file is read-only, or faulted by an earlier failed write.</exception>
    /// <exception cref="ObjectDisposedException">The file, or the buffer, has been disposed.</exception>
    /// <exception cref="FitsException">CFITSIO failed to write the HDU.</exception>
    public unsafe ImageHdu AddImage<T>(NativeBuffer<T> pixels, ReadOnlySpan<long> shape, ImageWriteOptions? options = null)
        where T : unmanaged
    {
        T* pointer;
        lock (Sync)
        {
            BeginWrite("add an image");
            try
            {
                ArgumentNullException.ThrowIfNull(pixels);
                pointer = pixels.Pointer;
            }
            catch (Exception e)
            {
                // A bad argument faults the file like any failed write call.
                Fault(e);
                throw;
            }

            return AddImageCore(PixelTypes.Of<T>(), typeof(T), pointer, pixels.Length, shape, options);
        }
    }

    /// <summary>
    /// Appends an HDU with a header and no data (BITPIX 8, NAXIS 0): an empty primary HDU, as many files start with,
    /// or an IMAGE extension that only carries keywords.
    /// </summary>
    /// <param name="options">EXTNAME and EXTVER; <see cref="ImageWriteOptions.Compression"/> must be null.</param>
    /// <returns>The new HDU, whose <see cref="ImageInfo.Rank"/> is 0.</returns>
    /// <exception cref="ArgumentException"><paramref name="options"/> asks for compression.</exception>
    /// <exception cref="InvalidOperationException">The file is read-only, or faulted by an earlier failed write.</exception>
    /// <exception cref="ObjectDisposedException">The file has been disposed or committed.</exception>
    /// <exception cref="FitsException">CFITSIO failed to write the HDU.</exception>
    public ImageHdu AddEmptyImage(ImageWriteOptions? options = null)
    {
        lock (Sync)
        {
            BeginWrite("add an HDU");
            try
            {
                return ImageAt(new ImageWriter(this, _handle).WriteEmpty(options));
            }
            catch (Exception e)
            {
                Fault(e);
                throw;
            }
        }
    }

    /// <summary>
    /// Where <c>DirectImageWriter</c> may write pixels itself: the temporary file of a <see cref="Create(string, bool)"/>
    /// session; null where CFITSIO must (files opened for update, in memory or on a stream).
    /// </summary>
    internal string? DirectWritePath => _session?.TemporaryPath;

    /// <summary>Moves CFITSIO to the last HDU, so that the next one is appended, and returns the new HDU's index.</summary>
    internal int PrepareToAppend()
    {
        int count = HduCount;
        if (count > 0)
        {
            EnterHdu(count - 1);
        }

        return count;
    }

    /// <summary>Appends an image HDU (<c>ffcrimll</c>) of <paramref name="imageType"/> and C-order <paramref name="shape"/> as HDU <paramref name="index"/>.</summary>
    internal unsafe void CreateImageHdu(int index, int imageType, ReadOnlySpan<long> shape)
    {
        int rank = shape.Length;
        long* fortranAxes = stackalloc long[Math.Max(rank, 1)];
        for (int i = 0; i < rank; i++)
        {
            fortranAxes[rank - 1 - i] = shape[i];
        }

        // Until CFITSIO confirms the new HDU, its idea of the current HDU is unknown.
        _currentHdu = -1;
        CfitsioProxy.CreateImage(_handle, imageType, rank, fortranAxes, "create image HDU", new CallContext(FileName, index));
        _currentHdu = index;
        _hduCount = index + 1;
    }

    private unsafe ImageHdu AddImageCore(PixelType? requested, Type elementType, void* pixels, long length, ReadOnlySpan<long> shape, ImageWriteOptions? options)
    {
        lock (Sync)
        {
            BeginWrite("add an image");
            try
            {
                return ImageAt(new ImageWriter(this, _handle).Write(requested, elementType, pixels, length, shape, options));
            }
            catch (Exception e)
            {
                Fault(e);
                throw;
            }
        }
    }

    private ImageHdu ImageAt(int index)
    {
        while (_hdus.Count <= index)
        {
            _hdus.Add(null);
        }

        return (ImageHdu)(_hdus[index] ??= new ImageHdu(this, index));
    }

    internal static int ElementSize(PixelType type) => PixelTypes.Size(type);
}
