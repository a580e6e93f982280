using System.Runtime.InteropServices;
using System;

namespace CfitsioNet.Interop;

/// <summary>Checked wrappers for the entry points in <c>Cfitsio.Images.cs</c> (see <see cref="CfitsioProxy"/>).</summary>
internal static unsafe partial class CfitsioProxy
{
    /// <summary>Checked <see cref="Cfitsio.CreateImage"/> (<c>ffcrimll</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void CreateImage(FitsHandle file, int imageType, int axisCount, long* axes, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.CreateImage(file, imageType, axisCount, axes, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.GetImageParameters"/> (<c>ffgiprll</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void GetImageParameters(FitsHandle file, int maxAxes, out int bitpix, out int axisCount, long* axes, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.GetImageParameters(file, maxAxes, out bitpix, out axisCount, axes, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.GetImageHeader"/> (<c>ffgphd</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void GetImageHeader(FitsHandle file, int maxdim, int* simple, int* bitpix, int* naxis, long* naxes, CLong* pcount, CLong* gcount, int* extend, double* bscale, double* bzero, long* blank, int* nspace, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.GetImageHeader(file, maxdim, simple, bitpix, naxis, naxes, pcount, gcount, extend, bscale, bzero, blank, nspace, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.ReadPixels"/> (<c>ffgpxvll</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void ReadPixels(FitsHandle file, int dataType, long* firstPixel, long count, void* nullValue, void* destination, out int anyNull, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.ReadPixels(file, dataType, firstPixel, count, nullValue, destination, out anyNull, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.ReadElements"/> (<c>ffgpv</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void ReadElements(FitsHandle file, int dataType, long firstElement, long count, void* nullValue, void* destination, out int anyNull, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.ReadElements(file, dataType, firstElement, count, nullValue, destination, out anyNull, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.ReadSubset"/> (<c>ffgsv</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void ReadSubset(FitsHandle file, int dataType, CLong* first, CLong* last, CLong* step, void* nullValue, void* destination, out int anyNull, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.ReadSubset(file, dataType, first, last, step, nullValue, destination, out anyNull, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.SetImageScaling"/> (<c>ffpscl</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void SetImageScaling(FitsHandle file, double scale, double zero, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.SetImageScaling(file, scale, zero, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.WritePixels"/> (<c>ffppr</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void WritePixels(FitsHandle file, int dataType, long firstElement, long count, void* pixels, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.WritePixels(file, dataType, firstElement, count, pixels, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }
}
