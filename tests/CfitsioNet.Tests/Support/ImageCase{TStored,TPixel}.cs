using System;
using System.Numerics.Tensors;
using NUnit.Framework;

namespace CfitsioNet.Tests.Support;

/// <summary>An <see cref="ImageCase"/> stored as <typeparamref name="TStored"/> (BITPIX) and read as <typeparamref name="TPixel"/>.</summary>
public sealed class ImageCase<TStored, TPixel> : ImageCase
    where TStored : unmanaged
    where TPixel : unmanaged
{
    private readonly Func<TStored, TPixel> _physical;
    private readonly ulong _seed;
    private readonly bool _anyNaN;
    private TStored[]? _stored;
    private TPixel[]? _expected;

    /// <param name="physical">The FITS rule from stored to physical value, written independently of CfitsioNet.</param>
    /// <param name="anyNaN">NaNs produced by the reader (from BLANK) may have any payload.</param>
    public ImageCase(string name, int bitpix, long[] naxis, PixelType expectedType, Func<TStored, TPixel> physical,
                     (string Keyword, object Value)[]? cards = null, double bzero = 0, double bscale = 1, long? blank = null,
                     ulong seed = 0, bool anyNaN = false)
        : base(name, bitpix, naxis, expectedType, cards ?? [], bzero, bscale, blank)
    {
        _physical = physical;
        _seed = seed == 0 ? StableSeed(name) : seed;
        _anyNaN = anyNaN;
    }

    public override Type ElementType => typeof(TPixel);

    public TStored[] Stored => _stored ??= PixelPattern.Create<TStored>(Count, _seed);

    public TPixel[] Expected
    {
        get
        {
            if (_expected is null)
            {
                TStored[] stored = Stored;
                var expected = new TPixel[stored.Length];
                for (int i = 0; i < stored.Length; i++)
                {
                    expected[i] = _physical(stored[i]);
                }

                _expected = expected;
            }

            return _expected;
        }
    }

    public override byte[] EncodeData() => TestFitsWriter.BigEndian<TStored>(Stored);

    public override void AssertReads(ImageHdu hdu, ReadMode mode)
    {
        TPixel[] actual = PixelReader.Read<TPixel>(hdu, mode);
        PixelAssert.Equal<TPixel>(Expected, actual, $"{Name} read by {mode}", _anyNaN);
    }

    public override void AssertTensorView(ImageHdu hdu)
    {
        using NativeBuffer<TPixel> buffer = hdu.ReadNative<TPixel>();
        TensorSpan<TPixel> tensor = buffer.AsTensorSpan();
        long[] shape = CShape;
        Assert.That(tensor.Rank, Is.EqualTo(Math.Max(shape.Length, 1)), "rank");
        for (int axis = 0; axis < shape.Length; axis++)
        {
            Assert.That((long)tensor.Lengths[axis], Is.EqualTo(shape[axis]), $"length of axis {axis}");
        }

        Assert.That((long)tensor.FlattenedLength, Is.EqualTo(Count), "flattened length");
        TPixel[] expected = Expected;
        var index = new nint[shape.Length];
        for (long flat = 0; flat < Count; flat++)
        {
            // C order: the last axis varies fastest.
            long rest = flat;
            for (int axis = shape.Length - 1; axis >= 0; axis--)
            {
                index[axis] = (nint)(rest % shape[axis]);
                rest /= shape[axis];
            }

            TPixel value = tensor[index];
            bool same = PixelAssert.IsNaN(value) && PixelAssert.IsNaN(expected[flat]) && _anyNaN
                || System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<TPixel>(in value))
                    .SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<TPixel>(in expected[flat])));
            if (!same)
            {
                Assert.Fail($"{Name}: tensor[{string.Join(", ", index)}] is {value}, expected {expected[flat]} (flat index {flat}).");
            }
        }
    }

    public override Exception? ReadAsWrongType(ImageHdu hdu, ReadMode mode, out Type requested)
    {
        // A type that cannot hold every value of the natural type: sbyte, or byte for sbyte images.
        if (typeof(TPixel) == typeof(sbyte))
        {
            requested = typeof(byte);
            return Catch<byte>(hdu, mode);
        }

        requested = typeof(sbyte);
        return Catch<sbyte>(hdu, mode);
    }

    private static Exception? Catch<TWrong>(ImageHdu hdu, ReadMode mode)
        where TWrong : unmanaged
    {
        try
        {
            PixelReader.Read<TWrong>(hdu, mode);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static ulong StableSeed(string name)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in name)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
