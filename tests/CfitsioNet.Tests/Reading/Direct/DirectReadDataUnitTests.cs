using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using NUnit.Framework;

namespace CfitsioNet.Tests.Direct;

/// <summary>
/// CFITSIO reads every image as PCOUNT parameters followed by the pixels, GCOUNT times, random groups or not. A small
/// PCOUNT fits in the padding of the last block, so the size of the data unit cannot reveal it: the fast paths must
/// leave such images to CFITSIO, whose pixels start after the parameters.
/// </summary>
public sealed class DirectReadDataUnitTests
{
    [TestCase(false, 4, 1)]
    [TestCase(true, 4, 1)]
    [TestCase(true, 1, 1)]
    [TestCase(false, 0, 2)]
    public void Images_with_group_parameters_read_as_cfitsio_reads_them(bool extension, int pcount, int gcount)
    {
        const int width = 128, height = 130; // 33,280 bytes: above the direct path's 32 KiB minimum
        int stored = (pcount + (width * height)) * gcount;
        var header = new StringBuilder();
        if (extension)
        {
            Card(header, "SIMPLE  =                    T");
            Card(header, "BITPIX  =                    8");
            Card(header, "NAXIS   =                    0");
            Card(header, "EXTEND  =                    T");
            End(header);
            Card(header, "XTENSION= 'IMAGE   '");
        }
        else
        {
            Card(header, "SIMPLE  =                    T");
        }

        Card(header, "BITPIX  =                   16");
        Card(header, "NAXIS   =                    2");
        Card(header, $"NAXIS1  = {width,20}");
        Card(header, $"NAXIS2  = {height,20}");
        Card(header, $"PCOUNT  = {pcount,20}");
        Card(header, $"GCOUNT  = {gcount,20}");
        End(header);

        // The data unit: the values 0, 1, 2, ... (big-endian int16), parameters and pixels alike, padded to 2880.
        byte[] data = new byte[((stored * 2) + 2879) / 2880 * 2880];
        for (int i = 0; i < stored; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(data.AsSpan(i * 2), (short)i);
        }

        if (gcount == 1)
        {
            Assert.That(data.Length, Is.EqualTo(((width * height * 2) + 2879) / 2880 * 2880), "the parameters hide in the padding");
        }
        string path = TestRun.Files.File($"data-unit-{extension}-{pcount}-{gcount}.fits");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes(header.ToString()).Concat(data).ToArray());

        // What CFITSIO's model says: group 1's pixels start after its PCOUNT parameters.
        short[] expected = Enumerable.Range(pcount, width * height).Select(v => (short)v).ToArray();
        int index = extension ? 1 : 0;
        using FitsFile cfitsio = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly);
        using FitsFile fast = FitsFile.Open(path);
        Assert.That(cfitsio[index].AsImage().Read<short>(), Is.EqualTo(expected), "CFITSIO's reader");
        ImageHdu image = fast[index].AsImage();
        Assert.That(image.Read<short>(), Is.EqualTo(expected), "the default read");
        Assert.That(image.ReadRows<short>(1, height - 1), Is.EqualTo(expected[width..]), "rows");
        Assert.That(fast.DirectReadCount, Is.Zero, "left to CFITSIO");
    }

    private static void Card(StringBuilder header, string card) => header.Append(card.PadRight(80));

    private static void End(StringBuilder header)
    {
        Card(header, "END");
        while (header.Length % 2880 != 0)
        {
            header.Append(' ');
        }
    }
}
