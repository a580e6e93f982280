using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.InteropServices;

namespace CfitsioNet.Tests.InMemory;

/// <summary>The ways a test hands the same bytes to the library, and what every read of a file gives.</summary>
internal static class MemorySources
{
    internal static readonly string GoldenDirectory = Path.Combine(AppContext.BaseDirectory, "golden");

    /// <summary>Every golden FITS file, relative to the golden folder.</summary>
    internal static IEnumerable<string> GoldenFiles() =>
        Directory.EnumerateFiles(GoldenDirectory, "*.fits", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(GoldenDirectory, p))
            .Order(StringComparer.Ordinal);

    internal static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>
    /// What a file gives when read through the library: for every HDU its kind, and for images the description and the
    /// pixels in their natural type (as bytes), or the failure's status and message. Two sources of the same bytes
    /// must give equal digests.
    /// </summary>
    internal static List<string> Digest(Func<FitsFile> open)
    {
        var lines = new List<string>();
        FitsFile fits;
        try
        {
            fits = open();
        }
        catch (FitsException)
        {
            lines.Add("open failed"); // the status may differ: a cut file reads 108 from disk, 107 from memory
            return lines;
        }

        using (fits)
        {
            int count;
            try
            {
                count = fits.HduCount;
            }
            catch (FitsException e)
            {
                lines.Add($"count failed: {e.Status}");
                return lines;
            }

            lines.Add($"HDUs: {count}");
            for (int i = 0; i < count; i++)
            {
                try
                {
                    Hdu hdu = fits[i];
                    lines.Add($"{i}: {hdu.Kind} {hdu.Header.Cards.Count} cards");
                    if (hdu is ImageHdu image)
                    {
                        ImageInfo info = image.Info;
                        lines.Add($"{i}: {info.Bitpix} {info.PixelType} [{string.Join(",", info.Shape)}] {info.Bzero} {info.Bscale} {info.Blank}");
                        lines.Add($"{i}: {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(NaturalBytes(image)))}");
                    }
                }
                catch (FitsException e)
                {
                    lines.Add($"{i} failed: {e.Status} {e.Operation}");
                }
            }
        }

        return lines;
    }

    private static byte[] NaturalBytes(ImageHdu image) => image.Info.PixelType switch
    {
        PixelType.Byte => image.Read<byte>(),
        PixelType.SByte => Bytes(image.Read<sbyte>()),
        PixelType.Int16 => Bytes(image.Read<short>()),
        PixelType.UInt16 => Bytes(image.Read<ushort>()),
        PixelType.Int32 => Bytes(image.Read<int>()),
        PixelType.UInt32 => Bytes(image.Read<uint>()),
        PixelType.Int64 => Bytes(image.Read<long>()),
        PixelType.UInt64 => Bytes(image.Read<ulong>()),
        PixelType.Single => Bytes(image.Read<float>()),
        PixelType.Double => Bytes(image.Read<double>()),
        _ => throw new ArgumentOutOfRangeException(nameof(image)),
    };

    private static byte[] Bytes<T>(T[] values)
        where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}

/// <summary>A stream that gives its bytes in small pieces, cannot seek, and can be told to throw after some bytes.</summary>
internal sealed class TrickleStream(byte[] bytes, int piece = 1000, long throwAfter = -1) : Stream
{
    private long _position;

    public Exception Failure { get; } = new IOException("the network went away (test)");

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (throwAfter >= 0 && _position >= throwAfter)
        {
            throw Failure;
        }

        int n = (int)Math.Min(Math.Min(buffer.Length, piece), bytes.Length - _position);
        bytes.AsSpan((int)_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
