// Writes a 1000x1000 int16 image, then reads it back in each of CfitsioNet's four read modes and prints the
// shape, a checksum and the time of each read (a single cold read each: the Investigate target measures properly).
using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO;
using System.Text;
using CfitsioNet;

const int width = 1000, height = 1000;
string directory = Path.Combine(AppContext.BaseDirectory, "demo-data");
Directory.CreateDirectory(directory);
string path = Path.Combine(directory, "demo-int16.fits");
WriteInt16Image(path, width, height);

Console.WriteLine($"CFITSIO {CfitsioLibrary.Version} ({CfitsioLibrary.Origin}, reentrant={CfitsioLibrary.IsReentrant}) from {CfitsioLibrary.Path}");
using var fits = FitsFile.Open(path);
ImageHdu image = fits.Primary;
Console.WriteLine($"{path}: {fits.HduCount} HDU, {image.Info}");

var span = new short[image.Info.ElementCount];
Report("Read(Span<short>)", () => { image.Read<short>(span); return span; });
Report("Read<short>()", () => image.Read<short>());
Report("ReadPinned<short>()", () => image.ReadPinned<short>());
Report("ReadNative<short>()", () => { using var buffer = image.ReadNative<short>(); return buffer.Span.ToArray(); });

void Report(string mode, Func<short[]> read)
{
    var watch = Stopwatch.StartNew();
    short[] pixels = read();
    double ms = watch.Elapsed.TotalMilliseconds;
    long sum = 0;
    foreach (short pixel in pixels)
    {
        sum += pixel;
    }

    bool correct = true;
    for (int i = 0; i < pixels.Length && correct; i++)
    {
        correct = pixels[i] == Expected(i);
    }

    Console.WriteLine($"{mode,-22} shape [{string.Join(", ", image.Info.Shape)}]  sum {sum,12}  {ms,8:F3} ms  {(correct ? "all pixels correct" : "MISMATCH")}");
    if (!correct)
    {
        Environment.ExitCode = 1;
    }
}

static short Expected(int i) => (short)((i * 7919) % 65536 - 32768);

// A minimal FITS writer: 36 header cards per 2880-byte block, big-endian pixels, zero padding.
static void WriteInt16Image(string path, int width, int height)
{
    var header = new StringBuilder();
    foreach (string card in new[] { "SIMPLE  =                    T", "BITPIX  =                   16", "NAXIS   =                    2",
                                    $"NAXIS1  = {width,20}", $"NAXIS2  = {height,20}", "END" })
    {
        header.Append(card.PadRight(80));
    }

    byte[] head = Encoding.ASCII.GetBytes(header.ToString().PadRight(2880));
    byte[] data = new byte[(width * height * 2 + 2879) / 2880 * 2880];
    for (int i = 0; i < width * height; i++)
    {
        BinaryPrimitives.WriteInt16BigEndian(data.AsSpan(i * 2), Expected(i));
    }

    using var stream = File.Create(path);
    stream.Write(head);
    stream.Write(data);
}
