using System;
using System.Runtime.InteropServices;

namespace CfitsioNet.Tests.Support;

/// <summary>Reads an image in a given <see cref="ReadMode"/> and hands back a managed copy of the pixels.</summary>
internal static class PixelReader
{
    /// <summary>
    /// Reads every pixel of <paramref name="hdu"/> as <typeparamref name="T"/>. Destinations the test provides are
    /// first filled with a garbage pattern, so a read that skips elements cannot pass by luck.
    /// </summary>
    public static T[] Read<T>(ImageHdu hdu, ReadMode mode)
        where T : unmanaged
    {
        long count = hdu.Info.ElementCount;
        switch (mode)
        {
            case ReadMode.Span:
            {
                var destination = new T[count];
                Scribble(destination);
                hdu.Read<T>(destination.AsSpan());
                return destination;
            }

            case ReadMode.NativeBufferReused:
            {
                using var buffer = new NativeBuffer<T>(count);
                Scribble(buffer.Span);
                hdu.Read(buffer);
                T[] first = buffer.Span.ToArray();
                Scribble(buffer.Span);
                hdu.Read(buffer);
                T[] second = buffer.Span.ToArray();
                PixelAssert.Equal<T>(first, second, "second read into the same NativeBuffer");
                return second;
            }

            case ReadMode.NewArray:
                return hdu.Read<T>();

            case ReadMode.Pinned:
                return hdu.ReadPinned<T>();

            case ReadMode.Native:
            {
                using NativeBuffer<T> buffer = hdu.ReadNative<T>();
                return buffer.Span.ToArray();
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(mode));
        }
    }

    /// <summary>Fills memory with 0xA5 bytes, a pattern no test image is likely to hold everywhere.</summary>
    public static void Scribble<T>(Span<T> span)
        where T : unmanaged
        => MemoryMarshal.AsBytes(span).Fill(0xA5);
}
