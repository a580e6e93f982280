// The program of the Cake target PackTest (build/pack.cake), which copies it into a brand-new console project that
// references the CfitsioNet package from artifacts/packages, then runs it built, published self-contained, trimmed
// and NativeAOT. It writes a small int16 image, reads it back through the package, checks every pixel, and prints
// which CFITSIO it loaded as `key=value` lines that PackTest checks. Exit codes: 0 correct, 1 wrong pixels or shape,
// 2 CFITSIO could not be loaded.
using System;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using CfitsioNet;

long[] shape = [3, 5, 7];   // C order: NAXIS3 = 3, NAXIS2 = 5, NAXIS1 = 7
short[] expected = MakePixels(3 * 5 * 7);
string directory = Path.Combine(Path.GetTempPath(), "cfitsionet-packtest-" + Environment.ProcessId);
Directory.CreateDirectory(directory);
string path = Path.Combine(directory, "image-int16.fits");

Console.WriteLine($"runtime={RuntimeInformation.FrameworkDescription} {RuntimeInformation.RuntimeIdentifier} dynamic-code={RuntimeFeature.IsDynamicCodeSupported}");
try
{
    // Written by hand until the library can write. Then replace the next line with
    //   using (FitsFile created = FitsFile.Create(path, overwrite: true)) { created.AddImage<short>(expected, shape); created.Commit(); }
    // and delete HandWrittenFits at the bottom of this file.
    HandWrittenFits.WriteInt16Image(path, expected, shape);

    string loadedPath;
    try
    {
        loadedPath = CfitsioLibrary.Path;
    }
    catch (DllNotFoundException e)
    {
        Console.WriteLine("library.error=" + e.Message.ReplaceLineEndings(" "));
        return 2;
    }

    Console.WriteLine("library.path=" + loadedPath);
    Console.WriteLine("library.origin=" + CfitsioLibrary.Origin);
    Console.WriteLine("library.version=" + CfitsioLibrary.Version);
    Console.WriteLine("library.reentrant=" + CfitsioLibrary.IsReentrant);

    using FitsFile fits = FitsFile.Open(path);
    ImageHdu image = fits.Primary;
    string readShape = string.Join(",", image.Info.Shape);
    short[] array = image.Read<short>();
    short[] native;
    using (var buffer = image.ReadNative<short>())
    {
        native = buffer.Span.ToArray();
    }

    int wrong = CountMismatches(array, expected) + CountMismatches(native, expected);
    bool correct = readShape == string.Join(",", shape) && image.Info.Bitpix == 16 && wrong == 0;
    Console.WriteLine($"image=BITPIX {image.Info.Bitpix}, shape [{readShape}], {array.Length} pixels read twice (array, native), {wrong} wrong");
    Console.WriteLine("result=" + (correct ? "ok" : "FAILED"));
    return correct ? 0 : 1;
}
finally
{
    Directory.Delete(directory, recursive: true);
}

static int CountMismatches(short[] actual, short[] expected)
{
    if (actual.Length != expected.Length)
    {
        return Math.Max(actual.Length, expected.Length);
    }

    int wrong = 0;
    for (int i = 0; i < actual.Length; i++)
    {
        wrong += actual[i] == expected[i] ? 0 : 1;
    }

    return wrong;
}

// Distinct values over the whole int16 range, both extremes included.
static short[] MakePixels(int count)
{
    var pixels = new short[count];
    for (int i = 0; i < count; i++)
    {
        pixels[i] = (short)(i * 631 - 32768);
    }

    pixels[^1] = short.MaxValue;
    return pixels;
}

// A minimal FITS writer: a primary header of 80-character cards padded to 2880 bytes, big-endian pixels in
// FITS order (the first axis fastest, which is C order's last axis), zero padding to 2880 bytes.
static class HandWrittenFits
{
    public static void WriteInt16Image(string path, short[] pixels, long[] shape)
    {
        var cards = new StringBuilder();
        cards.Append(Card("SIMPLE", "T")).Append(Card("BITPIX", "16")).Append(Card("NAXIS", shape.Length.ToString()));
        for (int axis = 1; axis <= shape.Length; axis++)
        {
            cards.Append(Card("NAXIS" + axis, shape[^axis].ToString()));
        }

        cards.Append("END".PadRight(80));
        byte[] header = Encoding.ASCII.GetBytes(cards.ToString().PadRight(Blocks(cards.Length)));
        byte[] data = new byte[Blocks(pixels.Length * 2)];
        for (int i = 0; i < pixels.Length; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(data.AsSpan(i * 2), pixels[i]);
        }

        using FileStream stream = File.Create(path);
        stream.Write(header);
        stream.Write(data);
    }

    private static string Card(string keyword, string value) => $"{keyword,-8}= {value,20}".PadRight(80);

    private static int Blocks(int bytes) => (bytes + 2879) / 2880 * 2880;
}
