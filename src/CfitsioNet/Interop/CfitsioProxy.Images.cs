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

    /// <summary>Checked <c>ffgpxvll</c> that answers false (and leaves no message behind) when the status is one of <paramref name="expected"/>, typically values clipped in a lossy read.</summary>
    internal static bool TryReadPixels(FitsHandle file, int dataType, long* firstPixel, long count, void* nullValue, void* destination, out int anyNull, Expected expected, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.ReadPixels(file, dataType, firstPixel, count, nullValue, destination, out anyNull, ref status);
        return EndTry(status, expected, operation, at);
    }

    /// <summary>Checked <c>ffgpv</c> that answers false (and leaves no message behind) when the status is one of <paramref name="expected"/>, typically values clipped in a lossy read.</summary>
    internal static bool TryReadElements(FitsHandle file, int dataType, long firstElement, long count, void* nullValue, void* destination, out int anyNull, Expected expected, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.ReadElements(file, dataType, firstElement, count, nullValue, destination, out anyNull, ref status);
        return EndTry(status, expected, operation, at);
    }

    /// <summary>Checked <c>ffgsv</c> that answers false (and leaves no message behind) when the status is one of <paramref name="expected"/>, typically values clipped in a lossy read.</summary>
    internal static bool TryReadSubset(FitsHandle file, int dataType, CLong* first, CLong* last, CLong* step, void* nullValue, void* destination, out int anyNull, Expected expected, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.ReadSubset(file, dataType, first, last, step, nullValue, destination, out anyNull, ref status);
        return EndTry(status, expected, operation, at);
    }

    /// <summary>Checked <c>ffpscl</c> that answers false (and leaves no message behind) when the status is one of <paramref name="expected"/>.</summary>
    internal static bool TrySetImageScaling(FitsHandle file, double scale, double zero, Expected expected, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.SetImageScaling(file, scale, zero, ref status);
        return EndTry(status, expected, operation, at);
    }

    /// <summary>
    /// Checked <c>ffgphd</c> that answers false (and leaves no message behind) when the status is one of
    /// <paramref name="expected"/>. On success it also drops the messages <c>ffgphd</c> pushes for optional values it
    /// could not read (it ignores them, as its pixel reader does), so <see cref="Expected.None"/> is the strict read.
    /// </summary>
    internal static bool TryGetImageHeader(FitsHandle file, int maxdim, int* simple, int* bitpix, int* naxis, long* naxes, CLong* pcount, CLong* gcount, int* extend, double* bscale, double* bzero, long* blank, int* nspace, Expected expected, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.GetImageHeader(file, maxdim, simple, bitpix, naxis, naxes, pcount, gcount, extend, bscale, bzero, blank, nspace, ref status);
        return EndTry(status, expected, operation, at);
    }
}
