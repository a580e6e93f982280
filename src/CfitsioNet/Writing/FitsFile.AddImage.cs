using System;
using System.Runtime.InteropServices;
using CfitsioNet.Compression;
using CfitsioNet.Direct;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>Writing image HDUs: plain, header-only and tile-compressed.</summary>
public sealed partial class FitsFile
{
    // Above this many uncompressed bytes, compressed images use 64-bit heap descriptors (the 'Q' format).
    internal const long HugeHduBytes = 1L << 30;

    // Most axes of a compressed image: what CFITSIO 4.2 (fits_read_compressed_pixels) and astropy 5.2 read.
    private const int MaxCompressedRank = 3;

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
    public unsafe ImageHdu AddEmptyImage(ImageWriteOptions? options = null)
    {
        lock (Sync)
        {
            BeginWrite("add an HDU");
            try
            {
                if (options?.Compression is not null)
                {
                    throw new ArgumentException("An HDU without data cannot be compressed; leave Compression null.", nameof(options));
                }

                int index = PrepareToAppend();
                CreateImageHdu(index, ImageType(PixelType.Byte), ReadOnlySpan<long>.Empty);
                WriteNameAndVersion(index, options);
                return ImageAt(index);
            }
            catch (Exception e)
            {
                Fault(e);
                throw;
            }
        }
    }

    private unsafe ImageHdu AddImageCore(PixelType? requested, Type elementType, void* pixels, long length, ReadOnlySpan<long> shape, ImageWriteOptions? options)
    {
        lock (Sync)
        {
            BeginWrite("add an image");
            try
            {
                PixelType type = requested ?? throw new NotSupportedException(
                    $"{elementType.Name} is not a FITS pixel type; use byte, sbyte, short, ushort, int, uint, long, ulong, float or double.");
                long count = CheckShape(shape, length);
                ImageCompression? compression = options?.Compression;
                CompressionPlan? plan = compression is null ? null : CheckCompression(type, shape, compression, pixels, count);

                int index = PrepareToAppend();
                if (compression is not null && index == 0)
                {
                    // A compressed image is a binary table, which cannot be the primary HDU.
                    CreateImageHdu(0, ImageType(PixelType.Byte), ReadOnlySpan<long>.Empty);
                    index = PrepareToAppend();
                }

                if (compression is null)
                {
                    CreateImageHdu(index, ImageType(type), shape);
                    WriteNameAndVersion(index, options);
                    if (_session is not { } session
                        || !DirectImageWriter.TryWrite(_handle, session.TemporaryPath, FileName, index, type, pixels, count))
                    {
                        WritePlainPixels(index, type, pixels, count);
                    }
                }
                else
                {
                    try
                    {
                        int seed = compression.DitherSeed switch
                        {
                            null => -1,                                           // from the first tile's checksum
                            0 => (int)(DateTime.UtcNow.Ticks / 10_000 % 10000) + 1, // from the clock, chosen here so it is known
                            int fixedSeed => fixedSeed,
                        };
                        RequestCompression(type, compression, plan!.Value.FortranTiles, count, seed, options!.HugeHduBytes);
                        CreateImageHdu(index, ImageType(type), shape);
                        WriteNameAndVersion(index, options);
                        if (!options!.ManagedTiles || !TryWriteTilesInParallel(index, type, pixels, count, shape, compression, plan.Value.HasUndefined, seed, options))
                        {
                            WriteCompressedPixels(index, type, pixels, count, shape, compression, plan.Value.HasUndefined, seed);
                        }
                    }
                    finally
                    {
                        // CFITSIO keeps requests on the file and applies some of them to every compressed HDU it
                        // opens later, when reading too: they must not outlive this image.
                        int reset = 0;
                        Cfitsio.UnsetCompressionRequest(_handle, ref reset);
                    }

                    // Closes and reopens the HDU, which records the heap size (PCOUNT): tiles can only be read back after that.
                    int status = 0;
                    Cfitsio.Flush(_handle, ref status);
                    Check(status, "finish compressed image", index);
                }

                return ImageAt(index);
            }
            catch (Exception e)
            {
                Fault(e);
                throw;
            }
        }
    }

    /// <summary>Validates <paramref name="shape"/> against the pixel count and returns the count.</summary>
    private static long CheckShape(ReadOnlySpan<long> shape, long length)
    {
        if (shape.IsEmpty)
        {
            throw new ArgumentException("The shape needs at least one axis; use AddEmptyImage for an HDU without data.", nameof(shape));
        }

        if (shape.Length > Cfitsio.MaxDimensions)
        {
            throw new ArgumentException($"FITS images have at most {Cfitsio.MaxDimensions} axes; the shape has {shape.Length}.", nameof(shape));
        }

        long count = 1;
        foreach (long axis in shape)
        {
            if (axis < 0)
            {
                throw new ArgumentException($"Axis lengths cannot be negative: shape [{string.Join(", ", shape.ToArray())}].", nameof(shape));
            }

            if (axis != 0 && count > long.MaxValue / axis)
            {
                throw new ArgumentException($"The shape [{string.Join(", ", shape.ToArray())}] holds more than {long.MaxValue} pixels.", nameof(shape));
            }

            count *= axis;
        }

        if (count != length)
        {
            throw new ArgumentException(
                $"The shape [{string.Join(", ", shape.ToArray())}] holds {count} pixels, but {length} were given.", "pixels");
        }

        return count;
    }

    /// <summary>
    /// Refuses what CFITSIO cannot compress, before anything is written, and returns the tile lengths to request
    /// (Fortran order, 0 = CFITSIO's default) and whether quantized pixels include NaN.
    /// </summary>
    private static unsafe CompressionPlan CheckCompression(PixelType type, ReadOnlySpan<long> shape, ImageCompression compression, void* pixels, long count)
    {
        CompressionAlgorithm algorithm = compression.Algorithm;
        bool floating = type is PixelType.Single or PixelType.Double;
        if (type is PixelType.Int64 or PixelType.UInt64)
        {
            throw new NotSupportedException($"CFITSIO cannot tile-compress 64-bit integer ({type}) images; write them uncompressed.");
        }

        if (shape.Length > MaxCompressedRank)
        {
            // CFITSIO would write up to 6 axes, but neither its own pixel reader nor astropy 5.2 can read them back.
            throw new NotSupportedException(
                $"Tile-compressed images of more than {MaxCompressedRank} axes cannot be read back by CFITSIO's pixel reader or astropy; " +
                $"this one has {shape.Length}. Write it uncompressed.");
        }

        foreach (long axis in shape)
        {
            if (axis == 0)
            {
                throw new ArgumentException("An image with an axis of length 0 has no pixels to compress; write it uncompressed.", nameof(shape));
            }
        }

        int rank = shape.Length;
        long[] tiles = new long[Cfitsio.MaxCompressDimensions];
        if (compression.TileShape is { } tileShape)
        {
            if (tileShape.Count != rank)
            {
                throw new ArgumentException(
                    $"The tile shape [{string.Join(", ", tileShape)}] has {tileShape.Count} axes but the image has {rank}.", "options");
            }

            for (int i = 0; i < rank; i++)
            {
                tiles[rank - 1 - i] = Math.Min(tileShape[i], shape[i]);
            }
        }

        if (algorithm == CompressionAlgorithm.Plio)
        {
            if (floating || type == PixelType.UInt32)
            {
                throw new NotSupportedException(
                    $"PLIO compresses integer values from 0 to 16777215 only; CFITSIO cannot apply it to {type} images. Use Rice or Gzip.");
            }

            if (type == PixelType.UInt16)
            {
                // CFITSIO stores these unshifted and undoes its own shift when reading: other readers (astropy 5.2)
                // apply BZERO to them and return every value 32768 too high.
                throw new NotSupportedException(
                    "CFITSIO writes PLIO-compressed UInt16 images with a private offset that other FITS readers misread. " +
                    "Write the mask as Int16, Int32 or Byte, or use Rice or Gzip.");
            }

            CheckPlioRange(type, pixels, count);
        }

        if (floating && compression.QuantizeLevel is null && algorithm is not (CompressionAlgorithm.Gzip1 or CompressionAlgorithm.Gzip2))
        {
            throw new ArgumentException(
                $"{algorithm} cannot compress {type} pixels losslessly. Use Gzip1 or Gzip2 for lossless compression, or set QuantizeLevel to quantize the pixels (lossy).",
                "options");
        }

        if (algorithm == CompressionAlgorithm.HCompress)
        {
            CheckHcompress(shape, compression, tiles);
            if (floating && compression.QuantizationMethod == QuantizationMethod.SubtractiveDither2)
            {
                throw new ArgumentException("CFITSIO does not allow SubtractiveDither2 with HCompress; use SubtractiveDither1.", "options");
            }
        }

        bool hasUndefined = floating && compression.QuantizeLevel is not null && CheckQuantizable(type, pixels, count);
        return new CompressionPlan(tiles, hasUndefined);
    }

    /// <summary>Whether quantized pixels include NaN (written as undefined); refuses infinities, which quantization cannot hold.</summary>
    private static unsafe bool CheckQuantizable(PixelType type, void* pixels, long count)
    {
        bool hasNaN = false;
        for (long i = 0; i < count; i++)
        {
            double value = type == PixelType.Single ? ((float*)pixels)[i] : ((double*)pixels)[i];
            if (double.IsNaN(value))
            {
                hasNaN = true;
            }
            else if (double.IsInfinity(value))
            {
                throw new ArgumentException(
                    $"Pixel {i} (C order) is {value}: quantization cannot represent infinities. Use Gzip1 or Gzip2 without QuantizeLevel for lossless compression.",
                    nameof(pixels));
            }
        }

        return hasNaN;
    }

    private static void CheckHcompress(ReadOnlySpan<long> shape, ImageCompression compression, long[] fortranTiles)
    {
        if (shape.Length < 2)
        {
            throw new ArgumentException("HCompress needs an image of at least 2 axes; this one has 1. Use Rice or Gzip.", nameof(shape));
        }

        if (compression.TileShape is null)
        {
            // CFITSIO's default HCOMPRESS tile spans the two fastest axes.
            if (shape[^1] < 4 || shape[^2] < 4)
            {
                throw new ArgumentException(
                    $"HCompress tiles need at least 4 pixels along both of their axes; the last two axes of [{string.Join(", ", shape.ToArray())}] are too short. Set a TileShape over two axes of at least 4 pixels.",
                    nameof(shape));
            }

            return;
        }

        int longAxes = 0;
        foreach (long length in fortranTiles)
        {
            if (length > 1)
            {
                longAxes++;
                if (length < 4)
                {
                    throw new ArgumentException(
                        $"HCompress tiles need at least 4 pixels along each of their two axes; the tile shape [{string.Join(", ", compression.TileShape)}] has an axis of {length}.",
                        "options");
                }
            }
        }

        if (longAxes != 2)
        {
            throw new ArgumentException(
                $"HCompress tiles must extend over exactly two axes (the others of length 1); the tile shape [{string.Join(", ", compression.TileShape)}] extends over {longAxes} for this image.",
                "options");
        }
    }

    private static unsafe void CheckPlioRange(PixelType type, void* pixels, long count)
    {
        const long plioMaximum = (1 << 24) - 1;
        for (long i = 0; i < count; i++)
        {
            long value = type switch
            {
                PixelType.Int16 => ((short*)pixels)[i],
                PixelType.Int32 => ((int*)pixels)[i],
                _ => 0, // byte, sbyte (stored offset by +128) and ushort always fit
            };

            if (value < 0 || value > plioMaximum)
            {
                throw new ArgumentException(
                    $"PLIO compresses values from 0 to {plioMaximum} only; pixel {i} (C order) is {value}. Use Rice or Gzip.", nameof(pixels));
            }
        }
    }

    /// <summary>Moves CFITSIO to the last HDU, so that the next one is appended, and returns the new HDU's index.</summary>
    private int PrepareToAppend()
    {
        int count = HduCount;
        if (count > 0)
        {
            EnterHdu(count - 1);
        }

        return count;
    }

    private unsafe void CreateImageHdu(int index, int imageType, ReadOnlySpan<long> shape)
    {
        int rank = shape.Length;
        long* fortranAxes = stackalloc long[Math.Max(rank, 1)];
        for (int i = 0; i < rank; i++)
        {
            fortranAxes[rank - 1 - i] = shape[i];
        }

        // Until CFITSIO confirms the new HDU, its idea of the current HDU is unknown.
        _currentHdu = -1;
        int status = 0;
        Cfitsio.CreateImage(_handle, imageType, rank, fortranAxes, ref status);
        Check(status, "create image HDU", index);
        _currentHdu = index;
        _hduCount = index + 1;
    }

    private unsafe void RequestCompression(PixelType type, ImageCompression compression, long[] fortranTiles, long count, int seed, long hugeHduBytes)
    {
        int status = 0;
        int algorithm = compression.Algorithm switch
        {
            CompressionAlgorithm.Rice => Cfitsio.Rice1,
            CompressionAlgorithm.Gzip1 => Cfitsio.Gzip1,
            CompressionAlgorithm.Gzip2 => Cfitsio.Gzip2,
            CompressionAlgorithm.HCompress => Cfitsio.Hcompress1,
            _ => Cfitsio.Plio1,
        };
        int method = MethodCode(compression.QuantizationMethod);

        CLong* tiles = stackalloc CLong[Cfitsio.MaxCompressDimensions];
        for (int i = 0; i < Cfitsio.MaxCompressDimensions; i++)
        {
            tiles[i] = new CLong((nint)fortranTiles[i]);
        }

        Cfitsio.UnsetCompressionRequest(_handle, ref status);
        Cfitsio.SetCompressionType(_handle, algorithm, ref status);
        Cfitsio.SetTileDimensions(_handle, Cfitsio.MaxCompressDimensions, tiles, ref status);
        if (type is PixelType.Single or PixelType.Double)
        {
            // 0 means lossless (GZIP only); integer images must keep the level unset, or CFITSIO treats them as floats.
            Cfitsio.SetQuantizeLevel(_handle, compression.QuantizeLevel ?? 0f, ref status);
            Cfitsio.SetQuantizeMethod(_handle, method, ref status);
            Cfitsio.SetDitherSeed(_handle, seed, ref status);
        }

        Cfitsio.SetHcompressScale(_handle, compression.HCompressScale, ref status);
        Cfitsio.SetHcompressSmooth(_handle, compression.HCompressSmooth ? 1 : 0, ref status);
        Cfitsio.SetHugeHdu(_handle, count * ElementSize(type) > hugeHduBytes ? 1 : 0, ref status);
        Check(status, "set compression parameters");
    }

    private void WriteNameAndVersion(int index, ImageWriteOptions? options)
    {
        int status = 0;
        if (options?.Name is { } name)
        {
            Cfitsio.PutKeyString(_handle, "EXTNAME", name, "extension name", ref status);
        }

        if (options?.Version is int version)
        {
            Cfitsio.PutKeyLong(_handle, "EXTVER", version, "extension version", ref status);
        }

        Check(status, "write EXTNAME/EXTVER", index);
    }

    private unsafe void WritePlainPixels(int index, PixelType type, void* pixels, long count)
    {
        int dataType = PixelTypes.DataTypeCode(type);
        int size = ElementSize(type);
        long chunk = Math.Max(1, WriteChunkElements);
        for (long first = 0; first < count; first += chunk)
        {
            long n = Math.Min(chunk, count - first);
            int status = 0;
            Cfitsio.WritePixels(_handle, dataType, first + 1, n, (byte*)pixels + (first * size), ref status);
            Check(status, "write pixels", index);
        }
    }

    /// <summary>
    /// Writes the tiles on up to <see cref="ImageWriteOptions.MaxDegreeOfParallelism"/> threads where
    /// <see cref="ParallelTileWriter"/> can (see <see cref="ParallelTileWriter.CanWrite"/>); false leaves the image to CFITSIO.
    /// </summary>
    private unsafe bool TryWriteTilesInParallel(int index, PixelType type, void* pixels, long count, ReadOnlySpan<long> shape, ImageCompression compression, bool hasUndefined, int seed, ImageWriteOptions options)
    {
        if (compression.Algorithm is not (CompressionAlgorithm.Rice or CompressionAlgorithm.Gzip1 or CompressionAlgorithm.Gzip2))
        {
            return false;
        }

        long[] fortranTiles = ReadTileLengths(index, shape.Length);
        int keyStatus = 0;
        Cfitsio.ReadKeyLong(_handle, "ZVAL1", out long blockSize, null, ref keyStatus);
        if (keyStatus != 0)
        {
            Cfitsio.ClearErrorMessages();
            blockSize = 32; // CFITSIO's default, which it records unless told otherwise
        }

        if (!ParallelTileWriter.CanWrite(type, compression.Algorithm, fortranTiles, (int)Math.Clamp(blockSize, 0, int.MaxValue), compression.QuantizeLevel is not null, hasUndefined))
        {
            return false;
        }

        // 'P' (32-bit) or 'Q' (64-bit) descriptors, as CFITSIO chose for this image's size.
        byte* form = stackalloc byte[72];
        int formStatus = 0;
        Cfitsio.ReadKeyString(_handle, "TFORM1", form, null, ref formStatus);
        Check(formStatus, "read TFORM1 of the compressed image", index);
        bool wide = new ReadOnlySpan<byte>(form, 72).IndexOf((byte)'Q') is >= 0 and < 4;

        int status;
        if (compression.QuantizeLevel is float level && type is PixelType.Single or PixelType.Double)
        {
            // (Integer images ignore the quantize level: CFITSIO is not given one for them.)
            if (!HasQuantizedLayout(wide))
            {
                return false;
            }

            double flag = !hasUndefined ? 0 : type == PixelType.Single ? SingleNullFlag((float*)pixels, count) : DoubleNullFlag((double*)pixels, count);
            var quantization = new TileBudget.Quantization(level, MethodCode(compression.QuantizationMethod), seed, hasUndefined, flag);
            status = ParallelTileWriter.WriteQuantized(
                _handle, type, compression.Algorithm, pixels, shape, fortranTiles, (int)blockSize, options.EffectiveParallelism, wide, options.TileBatchBytes, quantization);
        }
        else
        {
            status = ParallelTileWriter.Write(_handle, type, compression.Algorithm, pixels, shape, fortranTiles, (int)blockSize, options.EffectiveParallelism, wide, options.TileBatchBytes);
        }

        Check(status, "write compressed tiles", index);
        return true;
    }

    /// <summary>
    /// Whether the table CFITSIO created for a quantized image is the one <see cref="ParallelTileWriter.WriteQuantized"/>
    /// writes raw rows into: COMPRESSED_DATA, ZSCALE and ZZERO (1D each) and nothing else; otherwise CFITSIO writes.
    /// </summary>
    private unsafe bool HasQuantizedLayout(bool wide)
    {
        int status = 0;
        Cfitsio.ReadKeyLong(_handle, "TFIELDS", out long fields, null, ref status);
        Cfitsio.ReadKeyLong(_handle, "NAXIS1", out long rowWidth, null, ref status);
        Cfitsio.GetColumnNumber(_handle, 0, "ZSCALE", out int scaleColumn, ref status);
        Cfitsio.GetColumnNumber(_handle, 0, "ZZERO", out int zeroColumn, ref status);
        byte* value = stackalloc byte[72];
        bool doubles = true;
        foreach (string key in (ReadOnlySpan<string>)["TFORM2", "TFORM3"])
        {
            new Span<byte>(value, 72).Clear();
            Cfitsio.ReadKeyString(_handle, key, value, null, ref status);
            doubles &= new ReadOnlySpan<byte>(value, 72).IndexOf((byte)0) is int end && end >= 0
                && new ReadOnlySpan<byte>(value, end).SequenceEqual("1D"u8);
        }

        if (status != 0)
        {
            Cfitsio.ClearErrorMessages();
            return false;
        }

        return fields == 3 && scaleColumn == 2 && zeroColumn == 3 && doubles && rowWidth == ParallelTileWriter.QuantizedRowWidth(wide, gzipColumn: false);
    }

    /// <summary>The tile lengths CFITSIO settled on (ZTILEn, FITS order); it chooses HCOMPRESS tiles itself.</summary>
    private unsafe long[] ReadTileLengths(int index, int rank)
    {
        long[] fortranTiles = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            int keyStatus = 0;
            Cfitsio.ReadKeyLong(_handle, $"ZTILE{i + 1}", out fortranTiles[i], null, ref keyStatus);
            Check(keyStatus, $"read ZTILE{i + 1}", index);
        }

        return fortranTiles;
    }

    private unsafe void WriteCompressedPixels(
        int index, PixelType type, void* pixels, long count, ReadOnlySpan<long> shape, ImageCompression compression, bool hasUndefined, int seed)
    {
        int rank = shape.Length;
        CLong* first = stackalloc CLong[rank];
        CLong* last = stackalloc CLong[rank];
        long[] fortranTiles = ReadTileLengths(index, rank);
        for (int i = 0; i < rank; i++)
        {
            first[i] = new CLong(1);
            last[rank - 1 - i] = new CLong((nint)shape[i]);
        }

        // CFITSIO finds undefined pixels by comparing with a flag value, and NaN equals nothing: a copy carries a
        // value absent from the image in their place.
        NativeBuffer<float>? singles = null;
        NativeBuffer<double>? doubles = null;
        float singleFlag = 0;
        double doubleFlag = 0;
        void* source = pixels;
        void* flag = null;
        try
        {
            if (hasUndefined && type == PixelType.Single)
            {
                float* values = (float*)pixels;
                singleFlag = SingleNullFlag(values, count);
                singles = new NativeBuffer<float>(count);
                CopyReplacingNaN(values, singles.Pointer, count, singleFlag);

                source = singles.Pointer;
                flag = &singleFlag;
            }
            else if (hasUndefined)
            {
                double* values = (double*)pixels;
                doubleFlag = DoubleNullFlag(values, count);
                doubles = new NativeBuffer<double>(count);
                CopyReplacingNaN(values, doubles.Pointer, count, doubleFlag);

                source = doubles.Pointer;
                flag = &doubleFlag;
            }

            TileBudget.Quantization? quantization = compression.QuantizeLevel is float level
                ? new TileBudget.Quantization(level, MethodCode(compression.QuantizationMethod), seed, hasUndefined, type == PixelType.Single ? singleFlag : doubleFlag)
                : null;
            TileBudget.Check(type, compression.Algorithm, shape, fortranTiles, source, compression.HCompressScale, quantization);

            // One section covering the whole image: CFITSIO compresses it tile by tile, each tile once.
            int status = 0;
            Cfitsio.WriteCompressedSection(_handle, PixelTypes.DataTypeCode(type), first, last, hasUndefined ? 1 : 0, source, flag, ref status);
            Check(status, "write compressed pixels", index);
        }
        finally
        {
            ((IDisposable?)singles)?.Dispose();
            ((IDisposable?)doubles)?.Dispose();
        }
    }

    private static int MethodCode(QuantizationMethod method) => method switch
    {
        QuantizationMethod.NoDither => Cfitsio.NoDither,
        QuantizationMethod.SubtractiveDither2 => Cfitsio.SubtractiveDither2,
        _ => Cfitsio.SubtractiveDither1,
    };

    /// <summary>The value that stands for NaN when CFITSIO quantizes a float image: CFITSIO's own flag unless a pixel holds it.</summary>
    private static unsafe float SingleNullFlag(float* values, long count) =>
        UnusedValue(values, count, [Cfitsio.FloatNullValue, float.MinValue, float.MaxValue, -float.Epsilon]);

    /// <summary>The value that stands for NaN when CFITSIO quantizes a double image (see <see cref="SingleNullFlag"/>).</summary>
    private static unsafe double DoubleNullFlag(double* values, long count) =>
        UnusedValue(values, count, [Cfitsio.DoubleNullValue, double.MinValue, double.MaxValue, -double.Epsilon]);

    /// <summary>The first candidate that no pixel equals (then further tiny negative values, which some image must lack).</summary>
    private static unsafe T UnusedValue<T>(T* pixels, long count, ReadOnlySpan<T> candidates)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        T candidate = candidates[0];
        for (int attempt = 0; ; attempt++)
        {
            candidate = attempt < candidates.Length ? candidates[attempt] : -T.Epsilon * T.CreateTruncating(attempt);
            bool present = false;
            for (long i = 0; i < count && !present; i++)
            {
                present = pixels[i] == candidate;
            }

            if (!present)
            {
                return candidate;
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

    /// <summary>CFITSIO's image type for <see cref="CreateImageHdu"/>: BITPIX, or the codes for the offset conventions.</summary>
    private static int ImageType(PixelType type) => type switch
    {
        PixelType.Byte => 8,       // BYTE_IMG
        PixelType.SByte => 10,     // SBYTE_IMG: BITPIX 8, BZERO -128
        PixelType.Int16 => 16,     // SHORT_IMG
        PixelType.UInt16 => 20,    // USHORT_IMG: BITPIX 16, BZERO 32768
        PixelType.Int32 => 32,     // LONG_IMG
        PixelType.UInt32 => 40,    // ULONG_IMG: BITPIX 32, BZERO 2^31
        PixelType.Int64 => 64,     // LONGLONG_IMG
        PixelType.UInt64 => 80,    // ULONGLONG_IMG: BITPIX 64, BZERO 2^63
        PixelType.Single => -32,   // FLOAT_IMG
        PixelType.Double => -64,   // DOUBLE_IMG
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private readonly record struct CompressionPlan(long[] FortranTiles, bool HasUndefined);

    internal static int ElementSize(PixelType type) => PixelTypes.Size(type);

    /// <summary>Copies <paramref name="count"/> values, writing <paramref name="flag"/> where the source holds NaN.</summary>
    private static unsafe void CopyReplacingNaN<T>(T* source, T* destination, long count, T flag)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        for (long i = 0; i < count; i++)
        {
            destination[i] = T.IsNaN(source[i]) ? flag : source[i];
        }
    }
}
