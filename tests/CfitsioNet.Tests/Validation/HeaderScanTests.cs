using System;
using System.IO;
using System.Linq;
using System.Text;
using CfitsioNet.Interop;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Direct;

/// <summary>
/// <see cref="ImageInfo"/>'s BZERO, BSCALE and BLANK must be the ones CFITSIO's pixel reader applies, however odd the
/// header (odd spellings and places, repeated or unreadable values): checked against what CFITSIO's reader returns for
/// known stored values, and the natural-type read (direct path for the larger image) against CFITSIO's reader.
/// </summary>
public sealed unsafe class HeaderScanTests
{
    public static string[][] Headers() =>
    [
        [],
        ["BZERO   =                32768"],
        ["bzero   =                32768", "bscale  =                  1.0"],
        ["BSCALE  =                 0.25", "BZERO   =                 -3.5", "BLANK   =                   -7"],
        ["COMMENT BZERO = 100 is only mentioned here", "HISTORY blank"],
        ["HIERARCH BSCALE = 2.0", "HIERARCH BZERO = 0.5"],
        ["  BZERO =                  100"],
        ["BLANK   =                   12", "ZBLANK  =                    3"],
        ["BZERO   =                    T"],
        ["BZERO   =                   10", "BZERO   =                32768"],
        ["BSCALE  =                    2", "BSCALE  = 'two'"],
        ["BLANK   =                   -7", "BLANK   =                   12"],
        ["BLANK   =                  1.5"],
    ];

    [TestCaseSource(nameof(Headers))]
    public void Info_has_the_scaling_cfitsios_reader_applies(string[] cards)
    {
        foreach ((int width, int height) in new[] { (4, 3), (256, 128) })
        {
            short[] raw = StoredValues(width * height);
            string path = WriteInt16(cards, width, height, raw);
            double[] cfitsio = ReadDoublesWithCfitsio(path, raw.Length);

            ImageInfo info;
            using (FitsFile file = FitsFile.Open(path))
            {
                info = file.Primary.Info;
            }

            string what = $"{width}x{height} [{string.Join(" | ", cards)}]";
            for (int i = 0; i < raw.Length; i++)
            {
                if (info.Blank == raw[i])
                {
                    Assert.That(double.IsNaN(cfitsio[i]), Is.True, $"{what}: pixel {i} is BLANK for CFITSIO too");
                }
                else
                {
                    Assert.That(cfitsio[i], Is.EqualTo((raw[i] * info.Bscale) + info.Bzero), $"{what}: pixel {i} = stored * BSCALE + BZERO");
                }
            }

            // The natural type read by default (the direct path for the larger image) and by CFITSIO alone.
            byte[] fast = ReadNatural(path, FitsOpenOptions.Default);
            byte[] reference = ReadNatural(path, FitsOpenOptions.CfitsioOnly);
            Assert.That(fast, Is.EqualTo(reference), $"{what}: natural {info.PixelType} read");
        }
    }

    private static short[] StoredValues(int count)
    {
        var raw = new short[count];
        for (int i = 0; i < count; i++)
        {
            raw[i] = (short)((i * 7919) - 20000);
        }

        // The BLANK values of the headers above.
        raw[1] = -7;
        raw[2] = 12;
        return raw;
    }

    private static double[] ReadDoublesWithCfitsio(string path, int count)
    {
        FitsHandle handle = CfitsioHandles.OpenDisk(path, out int status);
        using (handle)
        {
            Assert.That(status, Is.Zero);
            var values = new double[count];
            long* first = stackalloc long[] { 1, 1 };
            double nan = double.NaN;
            fixed (double* destination = values)
            {
                Cfitsio.ReadPixels(handle, 82 /* TDOUBLE */, first, count, &nan, destination, out _, ref status);
            }

            Cfitsio.ClearErrorMessages();
            Assert.That(status, Is.Zero);
            return values;
        }
    }

    private static byte[] ReadNatural(string path, FitsOpenOptions options)
    {
        using FitsFile file = FitsFile.Open(path, options);
        ImageHdu image = file.Primary;
        return image.Info.PixelType switch
        {
            PixelType.Int16 => Bytes(image.Read<short>()),
            PixelType.UInt16 => Bytes(image.Read<ushort>()),
            PixelType.Single => Bytes(image.Read<float>()),
            PixelType.Double => Bytes(image.Read<double>()),
            var other => throw new AssertionException($"unexpected natural type {other}"),
        };

        static byte[] Bytes<T>(T[] values)
            where T : unmanaged => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }

    // A width x height BITPIX 16 primary image of the given stored values, with the given raw cards after the mandatory ones.
    private static string WriteInt16(string[] cards, int width, int height, short[] raw)
    {
        var header = new StringBuilder();
        string[] mandatory = ["SIMPLE  =                    T", "BITPIX  =                   16", "NAXIS   =                    2",
                              $"NAXIS1  = {width,20}", $"NAXIS2  = {height,20}"];
        foreach (string card in mandatory.Concat(cards))
        {
            header.Append(card.PadRight(80));
        }

        header.Append("END".PadRight(80));
        while (header.Length % 2880 != 0)
        {
            header.Append(' ');
        }

        byte[] data = new byte[(raw.Length * 2 + 2879) / 2880 * 2880];
        for (int i = 0; i < raw.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(data.AsSpan(i * 2), raw[i]);
        }

        string path = TestRun.Files.File($"header-scan-{Guid.NewGuid():N}.fits");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes(header.ToString()).Concat(data).ToArray());
        return path;
    }
}
