namespace CfitsioNet;

/// <summary>What undefined pixels become in the destination.</summary>
internal enum NullHandling
{
    /// <summary>No null checking: stored values convert like any other (BLANK keeps its scaled value).</summary>
    None,

    /// <summary>BLANK pixels (ZBLANK in tile-compressed images, where it also marks undefined floating-point pixels) become NaN.</summary>
    NaN,

    /// <summary>NaN and infinite pixels of floating-point data become <see cref="PixelConversion.IntegerNullValue{T}"/>.</summary>
    IntegerSentinel,
}

/// <summary>
/// What one pixel read asks for, checked against the image before anything is allocated: the element type and how
/// to convert into it (<see cref="ImageHdu"/> decides this from the options), and which pixels: a contiguous run of
/// C-order elements, or a box with steps (<see cref="Region"/>).
/// </summary>
/// <param name="Target">The element type the destination holds.</param>
/// <param name="Raw">Whether stored values are read unscaled (<see cref="ReadOptions.Raw"/>).</param>
/// <param name="AllowOverflow">Whether values may be clipped (the conversion is not exact and the caller allowed it).</param>
/// <param name="Nulls">What undefined pixels become.</param>
internal readonly record struct ImageReadRequest(PixelType Target, bool Raw, bool AllowOverflow, NullHandling Nulls)
{
    /// <summary>First pixel of a contiguous read, 0-based in C order (0 for a region).</summary>
    internal long FirstElement { get; init; }

    /// <summary>Pixels to read: the run's length, or the region's pixel count.</summary>
    internal long Count { get; init; }

    /// <summary>The box to read, or null for the contiguous run <see cref="FirstElement"/>, <see cref="Count"/>.</summary>
    internal PixelRegion? Region { get; init; }

    /// <summary>Whether the read covers the whole image in one contiguous run.</summary>
    internal bool IsWhole(ImageInfo info) => Region is null && FirstElement == 0 && Count == info.ElementCount;

    /// <summary>The same conversion for the run [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>).</summary>
    internal ImageReadRequest ForRun(long first, long count) => this with { FirstElement = first, Count = count, Region = null };

    /// <summary>The same conversion for <paramref name="region"/>.</summary>
    internal ImageReadRequest ForRegion(PixelRegion region) => this with { FirstElement = 0, Count = region.Count, Region = region };
}
