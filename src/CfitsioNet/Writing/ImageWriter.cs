using System;
using System.Runtime.InteropServices;
using CfitsioNet.Compression;
using CfitsioNet.Direct;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>
/// Writes one image HDU for <see cref="FitsFile"/>'s <c>AddImage</c> and <c>AddEmptyImage</c>: validates the shape and
/// the compression options before anything is written, creates the HDU and its EXTNAME/EXTVER, and sends the pixels
/// to <see cref="DirectImageWriter"/> (uncompressed, on a disk file), <see cref="ParallelTileWriter"/> (RICE_1 and GZIP
/// tiles) or CFITSIO. A value made per call, holding only the file and its handle: call under the file's lock, after
/// <see cref="FitsFile.BeginWrite"/>, and fault the file if it throws.
/// </summary>
internal readonly unsafe struct ImageWriter
{
    // Most axes of a compressed image: what CFITSIO 4.2 (fits_read_compressed_pixels) and astropy 5.2 read.
    private const int MaxCompressedRank = 3;

    private readonly FitsFile _file;
    private readonly FitsHandle _handle;

    internal ImageWriter(FitsFile file, FitsHandle handle)
    {
        _file = file;
        _handle = handle;
    }

    /// <summary>
    /// Appends an image HDU of <paramref name="length"/> pixels and returns its index; <paramref name="requested"/> is the
    /// FITS pixel type of <paramref name="elementType"/>, null if it has none.
    /// </summary>
    internal int Write(PixelType? requested, Type elementType, void* pixels, long length, ReadOnlySpan<long> shape, ImageWriteOptions? options)
    {
        PixelType type = requested ?? throw new NotSupportedException(
            $"{elementType.Name} is not a FITS pixel type; use byte, sbyte, short, ushort, int, uint, long, ulong, float or double.");
        long count = CheckShape(shape, length);
        ImageCompression? compression = options?.Compression;
        CompressionPlan? plan = compression is null ? null : CheckCompression(type, shape, compression, pixels, count);

        int index = _file.PrepareToAppend();
        if (compression is not null && index == 0)
        {
            // A compressed image is a binary table, which cannot be the primary HDU.
            _file.CreateImageHdu(0, ImageType(PixelType.Byte), ReadOnlySpan<long>.Empty);
            index = _file.PrepareToAppend();
        }

        if (compression is null)
        {
            _file.CreateImageHdu(index, ImageType(type), shape);
            WriteNameAndVersion(index, options);
            if (_file.DirectWritePath is not { } path
                || !DirectImageWriter.TryWrite(_handle, path, _file.FileName, index, type, pixels, count))
            {
                WritePlainPixels(index, type, pixels, count);
            }

            return index;
        }

        try
        {
            int seed = compression.DitherSeed switch
            {
                null => -1,                                           // from the first tile's checksum
                0 => (int)(DateTime.UtcNow.Ticks / 10_000 % 10000) + 1, // from the clock, chosen here so it is known
                int fixedSeed => fixedSeed,
            };
            RequestCompression(type, compression, plan!.Value.FortranTiles, count, seed, options!.HugeHduBytes);
            _file.CreateImageHdu(index, ImageType(type), shape);
            WriteNameAndVersion(index, options);
            if (!options!.ManagedTiles || !TryWriteTilesInParallel(index, type, pixels, count, shape, compression, plan.Value.HasUndefined, seed, options))
            {
                WriteCompressedPixels(index, type, pixels, count, shape, compression, plan.Value.HasUndefined, seed);
            }
        }
        finally
        {
            // CFITSIO keeps requests on the file and applies some of them to every compressed HDU it
            // opens later, when reading too: they must not outlive this image. A failure here is not this image's.
            CfitsioProxy.TryUnsetCompressionRequest(_handle, Expected.Any, "reset compression parameters", At(index));
        }

        // Closes and reopens the HDU, which records the heap size (PCOUNT): tiles can only be read back after that.
        CfitsioProxy.Flush(_handle, "finish compressed image", At(index));
        return index;
    }

    /// <summary>Appends an HDU without data (BITPIX 8, NAXIS 0) and returns its index.</summary>
    internal int WriteEmpty(ImageWriteOptions? options)
    {
        if (options?.Compression is not null)
        {
            throw new ArgumentException("An HDU without data cannot be compressed; leave Compression null.", nameof(options));
        }

        int index = _file.PrepareToAppend();
        _file.CreateImageHdu(index, ImageType(PixelType.Byte), ReadOnlySpan<long>.Empty);
        WriteNameAndVersion(index, options);
        return index;
    }

    private CallContext At(int index) => new(_file.FileName, index);

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
    private static CompressionPlan CheckCompression(PixelType type, ReadOnlySpan<long> shape, ImageCompression compression, void* pixels, long count)
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
    private static bool CheckQuantizable(PixelType type, void* pixels, long count)
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

    private static void CheckPlioRange(PixelType type, void* pixels, long count)
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

    private void RequestCompression(PixelType type, ImageCompression compression, long[] fortranTiles, long count, int seed, long hugeHduBytes)
    {
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

        const string operation = "set compression parameters";
        var at = new CallContext(_file.FileName);
        CfitsioProxy.UnsetCompressionRequest(_handle, operation, at);
        CfitsioProxy.SetCompressionType(_handle, algorithm, operation, at);
        CfitsioProxy.SetTileDimensions(_handle, Cfitsio.MaxCompressDimensions, tiles, operation, at);
        if (type is PixelType.Single or PixelType.Double)
        {
            // 0 means lossless (GZIP only); integer images must keep the level unset, or CFITSIO treats them as floats.
            CfitsioProxy.SetQuantizeLevel(_handle, compression.QuantizeLevel ?? 0f, operation, at);
            CfitsioProxy.SetQuantizeMethod(_handle, method, operation, at);
            CfitsioProxy.SetDitherSeed(_handle, seed, operation, at);
        }

        CfitsioProxy.SetHcompressScale(_handle, compression.HCompressScale, operation, at);
        CfitsioProxy.SetHcompressSmooth(_handle, compression.HCompressSmooth ? 1 : 0, operation, at);
        CfitsioProxy.SetHugeHdu(_handle, count * PixelTypes.Size(type) > hugeHduBytes ? 1 : 0, operation, at);
    }

    private void WriteNameAndVersion(int index, ImageWriteOptions? options)
    {
        if (options?.Name is { } name)
        {
            CfitsioProxy.PutKeyString(_handle, "EXTNAME", name, "extension name", "write EXTNAME/EXTVER", At(index));
        }

        if (options?.Version is int version)
        {
            CfitsioProxy.PutKeyLong(_handle, "EXTVER", version, "extension version", "write EXTNAME/EXTVER", At(index));
        }
    }

    private void WritePlainPixels(int index, PixelType type, void* pixels, long count)
    {
        int dataType = PixelTypes.DataTypeCode(type);
        int size = PixelTypes.Size(type);
        long chunk = Math.Max(1, FitsFile.WriteChunkElements);
        for (long first = 0; first < count; first += chunk)
        {
            long n = Math.Min(chunk, count - first);
            CfitsioProxy.WritePixels(_handle, dataType, first + 1, n, (byte*)pixels + (first * size), "write pixels", At(index));
        }
    }

    /// <summary>
    /// Writes the tiles on up to <see cref="ImageWriteOptions.MaxDegreeOfParallelism"/> threads where
    /// <see cref="ParallelTileWriter"/> can (see <see cref="ParallelTileWriter.CanWrite"/>); false leaves the image to CFITSIO.
    /// </summary>
    private bool TryWriteTilesInParallel(int index, PixelType type, void* pixels, long count, ReadOnlySpan<long> shape, ImageCompression compression, bool hasUndefined, int seed, ImageWriteOptions options)
    {
        if (compression.Algorithm is not (CompressionAlgorithm.Rice or CompressionAlgorithm.Gzip1 or CompressionAlgorithm.Gzip2))
        {
            return false;
        }

        long[] fortranTiles = ReadTileLengths(index, shape.Length);
        if (!CfitsioProxy.TryReadKeyLong(_handle, "ZVAL1", out long blockSize, null, Expected.Any, "read ZVAL1", At(index)))
        {
            blockSize = 32; // CFITSIO's default, which it records unless told otherwise
        }

        if (!ParallelTileWriter.CanWrite(type, compression.Algorithm, fortranTiles, (int)Math.Clamp(blockSize, 0, int.MaxValue), compression.QuantizeLevel is not null, hasUndefined))
        {
            return false;
        }

        // 'P' (32-bit) or 'Q' (64-bit) descriptors, as CFITSIO chose for this image's size.
        byte* form = stackalloc byte[72];
        CfitsioProxy.ReadKeyString(_handle, "TFORM1", form, null, "read TFORM1 of the compressed image", At(index));
        bool wide = new ReadOnlySpan<byte>(form, 72).IndexOf((byte)'Q') is >= 0 and < 4;

        if (compression.QuantizeLevel is float level && type is PixelType.Single or PixelType.Double)
        {
            // (Integer images ignore the quantize level: CFITSIO is not given one for them.)
            if (!HasQuantizedLayout(index, wide))
            {
                return false;
            }

            double flag = !hasUndefined ? 0 : type == PixelType.Single ? SingleNullFlag((float*)pixels, count) : DoubleNullFlag((double*)pixels, count);
            var quantization = new TileBudget.Quantization(level, MethodCode(compression.QuantizationMethod), seed, hasUndefined, flag);
            ParallelTileWriter.WriteQuantized(
                _handle, type, compression.Algorithm, pixels, shape, fortranTiles, (int)blockSize, options.EffectiveParallelism, wide, options.TileBatchBytes, quantization, At(index));
        }
        else
        {
            ParallelTileWriter.Write(_handle, type, compression.Algorithm, pixels, shape, fortranTiles, (int)blockSize, options.EffectiveParallelism, wide, options.TileBatchBytes, At(index));
        }

        return true;
    }

    /// <summary>
    /// Whether the table CFITSIO created for a quantized image is the one <see cref="ParallelTileWriter.WriteQuantized"/>
    /// writes raw rows into: COMPRESSED_DATA, ZSCALE and ZZERO (1D each) and nothing else; otherwise CFITSIO writes.
    /// </summary>
    private bool HasQuantizedLayout(int index, bool wide)
    {
        // Any failure to read the layout means "not that layout": CFITSIO writes the image.
        const string operation = "read the compressed image's table layout";
        CallContext at = At(index);
        if (!CfitsioProxy.TryReadKeyLong(_handle, "TFIELDS", out long fields, null, Expected.Any, operation, at)
            || !CfitsioProxy.TryReadKeyLong(_handle, "NAXIS1", out long rowWidth, null, Expected.Any, operation, at)
            || !CfitsioProxy.TryGetColumnNumber(_handle, 0, "ZSCALE", out int scaleColumn, Expected.Any, operation, at)
            || !CfitsioProxy.TryGetColumnNumber(_handle, 0, "ZZERO", out int zeroColumn, Expected.Any, operation, at))
        {
            return false;
        }

        byte* value = stackalloc byte[72];
        bool doubles = true;
        foreach (string key in (ReadOnlySpan<string>)["TFORM2", "TFORM3"])
        {
            new Span<byte>(value, 72).Clear();
            if (!CfitsioProxy.TryReadKeyString(_handle, key, value, null, Expected.Any, operation, at))
            {
                return false;
            }

            doubles &= new ReadOnlySpan<byte>(value, 72).IndexOf((byte)0) is int end && end >= 0
                && new ReadOnlySpan<byte>(value, end).SequenceEqual("1D"u8);
        }

        return fields == 3 && scaleColumn == 2 && zeroColumn == 3 && doubles && rowWidth == ParallelTileWriter.QuantizedRowWidth(wide, gzipColumn: false);
    }

    /// <summary>The tile lengths CFITSIO settled on (ZTILEn, FITS order); it chooses HCOMPRESS tiles itself.</summary>
    private long[] ReadTileLengths(int index, int rank)
    {
        long[] fortranTiles = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            CfitsioProxy.ReadKeyLong(_handle, $"ZTILE{i + 1}", out fortranTiles[i], null, $"read ZTILE{i + 1}", At(index));
        }

        return fortranTiles;
    }

    private void WriteCompressedPixels(
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
            CfitsioProxy.WriteCompressedSection(_handle, PixelTypes.DataTypeCode(type), first, last, hasUndefined ? 1 : 0, source, flag, "write compressed pixels", At(index));
        }
        finally
        {
            ((IDisposable?)singles)?.Dispose();
            ((IDisposable?)doubles)?.Dispose();
        }
    }

    internal static int MethodCode(QuantizationMethod method) => method switch
    {
        QuantizationMethod.NoDither => Cfitsio.NoDither,
        QuantizationMethod.SubtractiveDither2 => Cfitsio.SubtractiveDither2,
        _ => Cfitsio.SubtractiveDither1,
    };

    /// <summary>The value that stands for NaN when CFITSIO quantizes a float image: CFITSIO's own flag unless a pixel holds it.</summary>
    private static float SingleNullFlag(float* values, long count) =>
        UnusedValue(values, count, [Cfitsio.FloatNullValue, float.MinValue, float.MaxValue, -float.Epsilon]);

    /// <summary>The value that stands for NaN when CFITSIO quantizes a double image (see <see cref="SingleNullFlag"/>).</summary>
    private static double DoubleNullFlag(double* values, long count) =>
        UnusedValue(values, count, [Cfitsio.DoubleNullValue, double.MinValue, double.MaxValue, -double.Epsilon]);

    /// <summary>The first candidate that no pixel equals (then further tiny negative values, which some image must lack).</summary>
    private static T UnusedValue<T>(T* pixels, long count, ReadOnlySpan<T> candidates)
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

    /// <summary>CFITSIO's image type for <see cref="FitsFile.CreateImageHdu"/>: BITPIX, or the codes for the offset conventions.</summary>
    internal static int ImageType(PixelType type) => type switch
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

    /// <summary>Copies <paramref name="count"/> values, writing <paramref name="flag"/> where the source holds NaN.</summary>
    private static void CopyReplacingNaN<T>(T* source, T* destination, long count, T flag)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        for (long i = 0; i < count; i++)
        {
            destination[i] = T.IsNaN(source[i]) ? flag : source[i];
        }
    }
}
