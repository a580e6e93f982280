using System.Runtime.CompilerServices;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>
/// One pixel read in progress: the image, what is asked (<see cref="ImageReadRequest"/>), where it lands, and the
/// values every read path needs (null value, CFITSIO datatype code, the handle while the lock is held). Built by the
/// public read methods of <see cref="ImageHdu"/> and handed by reference to <see cref="ImageReadRouter"/>, which tries
/// each <see cref="IReadPath"/> in turn. A ref struct: it lives on the reading thread's stack and allocates nothing.
/// </summary>
internal unsafe ref struct ImageReader
{
    private long _nullBits;

    private ImageReader(ImageHdu hdu, ImageInfo info, ImageReadRequest request, void* destination, int elementSize)
    {
        Hdu = hdu;
        Info = info;
        Request = request;
        Destination = destination;
        ElementSize = elementSize;
    }

    /// <summary>The HDU read.</summary>
    internal ImageHdu Hdu { get; }

    /// <summary>Its file.</summary>
    internal readonly FitsFile File => Hdu.File;

    /// <summary>The HDU's index in the file.</summary>
    internal readonly int Index => Hdu.Index;

    /// <summary>The image's header description.</summary>
    internal ImageInfo Info { get; }

    /// <summary>What is read and how it is converted.</summary>
    internal ImageReadRequest Request { get; }

    /// <summary>Room for <see cref="ImageReadRequest.Count"/> elements of <see cref="ImageReadRequest.Target"/>.</summary>
    internal void* Destination { get; }

    /// <summary>Bytes per destination element.</summary>
    internal int ElementSize { get; }

    /// <summary>Whether a fast path may take the read (set by the router once, for all fast paths).</summary>
    internal bool FastPathsApply { get; set; }

    /// <summary>CFITSIO's datatype code for the target (set by the CFITSIO path).</summary>
    internal int DataType { get; set; }

    /// <summary>The HDU's CFITSIO handle while the CFITSIO path holds the file's lock.</summary>
    internal FitsHandle? Handle { get; set; }

    /// <summary>What CFITSIO writes for undefined pixels, or null when the read checks none. Valid while the reader lives.</summary>
    internal readonly void* NullValue =>
        Request.Nulls == NullHandling.None ? null : Unsafe.AsPointer(ref Unsafe.AsRef(in _nullBits));

    /// <summary>The destination from element <paramref name="offset"/> on.</summary>
    internal readonly byte* At(long offset) => (byte*)Destination + (offset * ElementSize);

    /// <summary>A reader of <paramref name="request"/> into <paramref name="destination"/>, with the null value for <typeparamref name="T"/>.</summary>
    internal static ImageReader Create<T>(ImageHdu hdu, ImageInfo info, ImageReadRequest request, T* destination)
        where T : unmanaged
    {
        var reader = new ImageReader(hdu, info, request, destination, sizeof(T));
        if (request.Nulls == NullHandling.NaN)
        {
            Unsafe.As<long, T>(ref reader._nullBits) = typeof(T) == typeof(float) ? (T)(object)float.NaN : (T)(object)double.NaN;
        }
        else if (request.Nulls == NullHandling.IntegerSentinel)
        {
            Unsafe.As<long, T>(ref reader._nullBits) = PixelConversion.IntegerNullValue<T>();
        }

        return reader;
    }
}

/// <summary>One way of reading pixels: a fast path that takes the reads it can prove identical to CFITSIO's, or CFITSIO itself.</summary>
internal interface IReadPath
{
    /// <summary>Reads <paramref name="reader"/>'s pixels and returns true, or returns false, having written nothing meaningful, when this path does not apply.</summary>
    /// <param name="reader">The read.</param>
    /// <returns>Whether this path read the pixels.</returns>
    bool TryRead(ref ImageReader reader);
}
