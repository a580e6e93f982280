using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CfitsioNet.Tool.Cli;

/// <summary>How images are described: numpy's type names and FITS-order dimensions, as astropy's fitsinfo prints them.</summary>
internal static class TypeNames
{
    /// <summary>numpy's name of a pixel type: <c>int16</c>, <c>uint16</c>, <c>float32</c>, ...</summary>
    public static string Numpy(PixelType type) => type switch
    {
        PixelType.Byte => "uint8",
        PixelType.SByte => "int8",
        PixelType.Int16 => "int16",
        PixelType.UInt16 => "uint16",
        PixelType.Int32 => "int32",
        PixelType.UInt32 => "uint32",
        PixelType.Int64 => "int64",
        PixelType.UInt64 => "uint64",
        PixelType.Single => "float32",
        PixelType.Double => "float64",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown pixel type"),
    };

    /// <summary>
    /// The stored type, and the type BZERO/BSCALE turn it into when they change it: <c>int16 (rescales to uint16)</c>.
    /// Empty for an image without pixels.
    /// </summary>
    public static string Format(ImageInfo info)
    {
        if (info.IsRandomGroups)
        {
            return Numpy(info.StoredPixelType); // fitsinfo names the stored type of random groups, no rescaling
        }

        if (info.ElementCount == 0)
        {
            return string.Empty;
        }

        string stored = Numpy(info.StoredPixelType);
        return info.PixelType == info.StoredPixelType ? stored : $"{stored} (rescales to {Numpy(info.PixelType)})";
    }

    /// <summary>The axis lengths in FITS order (NAXIS1 first), e.g. <c>(41, 30)</c>: the reverse of <see cref="ImageInfo.Shape"/>.</summary>
    public static string Dimensions(IReadOnlyList<long> cOrderShape) =>
        "(" + string.Join(", ", cOrderShape.Reverse().Select(n => n.ToString(CultureInfo.InvariantCulture))) + ")";

    /// <summary>The axis lengths in FITS order as <c>41 x 30</c>.</summary>
    public static string Size(IReadOnlyList<long> cOrderShape) =>
        string.Join(" x ", cOrderShape.Reverse().Select(n => n.ToString(CultureInfo.InvariantCulture)));

    /// <summary>A double as the shortest text that reads back to the same value (invariant culture).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
