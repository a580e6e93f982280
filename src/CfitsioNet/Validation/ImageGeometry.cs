using System;

namespace CfitsioNet.Validation;

/// <summary>
/// Checks an image header's geometry before any buffer is sized from it: CFITSIO multiplies NAXISn without
/// overflow checks, and a tiny file may claim terabytes of pixels.
/// </summary>
internal static class ImageGeometry
{
    /// <summary>Throws unless every axis is non-negative and the pixel and byte counts fit in a long.</summary>
    /// <param name="shape">Axis lengths in C order.</param>
    /// <param name="bitpix">BITPIX (its magnitude is the bits per stored pixel).</param>
    /// <param name="fileName">For the exception.</param>
    /// <param name="hduIndex">For the exception.</param>
    internal static void CheckShape(ReadOnlySpan<long> shape, int bitpix, string fileName, int hduIndex)
    {
        long count = shape.Length == 0 ? 0 : 1;
        for (int i = 0; i < shape.Length; i++)
        {
            long length = shape[i];
            if (length < 0)
            {
                throw Fail($"NAXIS{shape.Length - i} = {length} is negative.", fileName, hduIndex);
            }

            if (length != 0 && count > long.MaxValue / length)
            {
                throw Fail($"The axis lengths [{string.Join(", ", shape.ToArray())}] (C order) multiply to more than 2^63 pixels.", fileName, hduIndex);
            }

            count *= length;
        }

        long bytesPerPixel = Math.Abs((long)bitpix) / 8;
        if (bytesPerPixel != 0 && count > long.MaxValue / bytesPerPixel)
        {
            throw Fail($"{count} pixels of BITPIX {bitpix} take more than 2^63 bytes.", fileName, hduIndex);
        }
    }

    /// <summary>Bytes the pixels of an uncompressed image take in the file (after <see cref="CheckShape"/>).</summary>
    internal static long DataBytes(ImageInfo info) => info.ElementCount * (Math.Abs((long)info.Bitpix) / 8);

    private static FitsException Fail(string message, string fileName, int hduIndex)
        => new(message, fileName, "read image parameters", hduIndex);
}
