using System;
using System.IO;
using System.Linq;

namespace CfitsioNet.Tests.Support;

/// <summary>
/// One test image: how it is stored (BITPIX, axes, extra cards, stored values from <see cref="PixelPattern"/>) and
/// the pixel values and <see cref="ImageInfo"/> a correct reader must report. The expected values are computed
/// here from the FITS rules (physical = BZERO + BSCALE * stored), never taken from CfitsioNet.
/// </summary>
public abstract class ImageCase
{
    private readonly object _sync = new();
    private string? _path;

    protected ImageCase(string name, int bitpix, long[] naxis, PixelType expectedType, (string Keyword, object Value)[] cards,
                        double bzero, double bscale, long? blank)
    {
        Name = name;
        Bitpix = bitpix;
        Naxis = naxis;
        ExpectedType = expectedType;
        Cards = cards;
        ExpectedBzero = bzero;
        ExpectedBscale = bscale;
        ExpectedBlank = blank;
    }

    public string Name { get; }

    public int Bitpix { get; }

    /// <summary>Axis lengths in FITS order: NAXIS1 first.</summary>
    public long[] Naxis { get; }

    /// <summary>Axis lengths in C order, as <see cref="ImageInfo.Shape"/> must report them.</summary>
    public long[] CShape => Naxis.Reverse().ToArray();

    public long Count => Naxis.Length == 0 ? 0 : Naxis.Aggregate(1L, (a, b) => a * b);

    public PixelType ExpectedType { get; }

    public abstract Type ElementType { get; }

    public (string Keyword, object Value)[] Cards { get; }

    public double ExpectedBzero { get; }

    public double ExpectedBscale { get; }

    public long? ExpectedBlank { get; }

    /// <summary>The stored data, big-endian, exactly as it goes into the file.</summary>
    public abstract byte[] EncodeData();

    /// <summary>Reads <paramref name="hdu"/> in <paramref name="mode"/> and compares every pixel with the expected values.</summary>
    public abstract void AssertReads(ImageHdu hdu, ReadMode mode);

    /// <summary>Reads through the C-order view of a <see cref="NativeBuffer{T}"/>'s tensor, element by element.</summary>
    public abstract void AssertTensorView(ImageHdu hdu);

    /// <summary>Reads in a type other than the natural one and returns what was thrown.</summary>
    public abstract Exception? ReadAsWrongType(ImageHdu hdu, ReadMode mode, out Type requested);

    /// <summary>The file holding this image as its primary HDU, written on first use into <paramref name="directory"/>.</summary>
    public string PathIn(string directory)
    {
        lock (_sync)
        {
            if (_path is null || !File.Exists(_path))
            {
                _path = WriteTo(System.IO.Path.Combine(directory, Name + ".fits"));
            }

            return _path;
        }
    }

    public string WriteTo(string path) => new TestFitsWriter().Primary(Bitpix, Naxis, EncodeData(), Cards).Write(path);

    public override string ToString() => Name;
}
