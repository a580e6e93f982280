using System;
using System.Runtime.InteropServices;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>The conversion rules every pixel read is checked against, and the funnel into the read router.</summary>
public sealed partial class ImageHdu
{
    /// <summary>
    /// Checks <typeparamref name="T"/> against the image and the options, before anything is allocated: unknown
    /// types get <see cref="NotSupportedException"/>, lossy ones <see cref="InvalidCastException"/> unless allowed.
    /// </summary>
    private ImageReadRequest PlanRead<T>(ImageInfo info, ReadOptions options)
        where T : unmanaged
    {
        PixelType target = PixelTypes.Of<T>()
            ?? throw new NotSupportedException(
                $"{typeof(T).Name} is not a FITS pixel type; use byte, sbyte, short, ushort, int, uint, long, ulong, float or double.");

        if (info.IsRandomGroups)
        {
            throw RandomGroupsRefused(info);
        }

        PixelType source = options.Raw ? info.StoredPixelType : info.PixelType;
        bool exact = PixelConversion.IsExact(source, target);
        if (!PixelConversion.IsAllowedWithoutLossy(source, target) && !options.AllowLossy)
        {
            string what = options.Raw
                ? $"stored {PixelConversion.Keyword(source)} values (BITPIX={info.Bitpix}, read raw)"
                : $"{PixelConversion.Keyword(source)} pixels (BITPIX={info.Bitpix}, BZERO={info.Bzero}, BSCALE={info.Bscale})";
            throw new InvalidCastException(
                $"HDU {Index} of '{File.FileName}' holds {what}; {PixelConversion.Keyword(target)} cannot hold all of them, so reading as " +
                $"{PixelConversion.Keyword(target)} could round, clip or lose NaN. Read as {PixelConversion.Keyword(source)} (exact), or pass " +
                "ReadOptions.Lossy (new ReadOptions { AllowLossy = true }) to convert as CFITSIO does: truncated toward zero and clipped to the type's range.");
        }

        if (options.Raw && info.Bscale == 0.0 && !info.IsCompressed)
        {
            // CFITSIO refuses to set a zero scale back after a raw read (ZERO_SCALE).
            throw new FitsException("BSCALE = 0: the image cannot be read raw.", File.FileName, "read pixels", Index);
        }

        NullHandling nulls;
        if (PixelConversion.IsFloating(target))
        {
            // Only where the header marks undefined pixels: a null value also turns +-Inf into NaN in CFITSIO.
            nulls = info.MarksUndefined && (!options.Raw || (info.IsCompressed && info.Bitpix < 0)) ? NullHandling.NaN : NullHandling.None;
        }
        else
        {
            nulls = info.Bitpix < 0 ? NullHandling.IntegerSentinel : NullHandling.None;
        }

        return new ImageReadRequest(target, options.Raw, AllowOverflow: !exact, nulls);
    }

    /// <summary>
    /// Reads what <paramref name="request"/> asks into <paramref name="destination"/>: the first read path that takes
    /// it (<see cref="ImageReadRouter"/>) reads it.
    /// </summary>
    private unsafe void ReadPixels<T>(ImageInfo info, ImageReadRequest request, T* destination)
        where T : unmanaged
    {
        ImageReader reader = ImageReader.Create(this, info, request, destination);
        ImageReadRouter.Read(ref reader);
    }
}
