using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;
using System.Threading;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Native;

/// <summary>The source fixes in native/patches/cfitsio.cmake, checked on the library we ship.</summary>
[TestFixture]
public sealed class CfitsioPatchTests
{
    [TestCase(CompressionAlgorithm.Gzip1)]
    [TestCase(CompressionAlgorithm.Gzip2)]
    public void A_truncated_gzip_tile_is_an_error_not_a_hang(CompressionAlgorithm algorithm)
    {
        using var directory = new TempDirectory();
        string path = directory.File("truncated-tile.fits");
        short[] pixels = new short[64 * 48];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (short)((i * 7919) % 30011);
        }

        using (var output = FitsFile.Create(path))
        {
            // One tile for the whole image, so the first row of the table describes it.
            output.AddImage<short>(pixels, [48, 64], new ImageWriteOptions
            {
                Compression = new ImageCompression(algorithm) { TileShape = [48, 64] },
            });
            output.Commit();
        }

        // Halve the tile's byte count in its heap descriptor (the first column's 1PB pointer: count, offset).
        byte[] bytes = File.ReadAllBytes(path);
        long descriptor = DataStartOfSecondHdu(bytes);
        int count = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan((int)descriptor));
        Assert.That(count, Is.GreaterThan(20), "the tile holds a gzip stream");
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan((int)descriptor), count / 2);
        File.WriteAllBytes(path, bytes);

        Exception? thrown = null;
        var reader = new Thread(() =>
        {
            try
            {
                using FitsFile fits = FitsFile.Open(path);
                fits[1].AsImage().Read<short>();
            }
            catch (Exception e)
            {
                thrown = e;
            }
        }) { IsBackground = true };
        reader.Start();

        // Unpatched CFITSIO 4.2.0 never returns from this read.
        Assert.That(reader.Join(TimeSpan.FromSeconds(60)), Is.True, "the read returned");
        Assert.That(thrown, Is.TypeOf<FitsException>());
        Assert.That(((FitsException)thrown!).HduIndex, Is.EqualTo(1));
    }

    // The byte offset where HDU 1's data begins: after the primary HDU and HDU 1's header (both end with END).
    private static long DataStartOfSecondHdu(byte[] bytes)
    {
        long offset = 0;
        int headersSeen = 0;
        while (offset + 80 <= bytes.Length)
        {
            string card = Encoding.ASCII.GetString(bytes, (int)offset, 8);
            offset += 80;
            if (card == "END     ")
            {
                offset = (offset + 2879) / 2880 * 2880;
                if (++headersSeen == 2)
                {
                    return offset;
                }

                // The primary has no data here (NAXIS = 0), so the next header starts right away.
            }
        }

        throw new InvalidDataException("No second header found.");
    }
}
