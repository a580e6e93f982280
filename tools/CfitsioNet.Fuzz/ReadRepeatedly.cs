using System;
using System.Diagnostics;
using CfitsioNet.Direct;

namespace CfitsioNet.Fuzz;

/// <summary>
/// <c>read-repeatedly PATH [--seconds S] [--reads N] [--memory-map]</c>: opens PATH with the default options (or
/// <see cref="FitsOpenOptions.MemoryMap"/>, mapped also without a lease) and reads its int16
/// primary image into one buffer again and again (from the second read on from the leased map), for S seconds and at
/// least N reads, checking every pixel against <see cref="Pixel"/> of some version (or 0, where a file extended by
/// truncation reads zeros). Prints <c>reading</c> after the second read (the one that maps) and one summary line at the end; exits 1 if a
/// read returned a value no version has. Run as a child process (tests/CfitsioNet.Tests/Reading/Direct/LeaseStressTests.cs)
/// so a fault (SIGBUS) in a mapped read is reported as a crash of the child, not of the test host.
/// </summary>
internal static class ReadRepeatedly
{
    /// <summary>Versions a writer cycles through: 1..Versions.</summary>
    internal const int Versions = 100;

    /// <summary>Pixel <paramref name="index"/> (C order) of <paramref name="version"/>.</summary>
    internal static short Pixel(long index, int version) => (short)(((index * 31) + version) % 30000);

    internal static int Run(string path, double seconds, long minimumReads, bool memoryMap)
    {
        long reads = 0;
        long exceptions = 0;
        long bad = 0;
        using FitsFile fits = FitsFile.Open(path, memoryMap ? new FitsOpenOptions { MemoryMap = true } : FitsOpenOptions.Default);
        ImageHdu image = fits.Primary;
        var buffer = new short[image.Info.ElementCount];
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds || reads + exceptions < minimumReads)
        {
            try
            {
                image.Read<short>(buffer);
                reads++;
                bad += Valid(buffer) ? 0 : 1;
            }
            catch (FitsException)
            {
                exceptions++;
            }

            // After the second read: by then the default policy has mapped the file (it maps on the second read), so
            // a writer that starts on this line cannot make the map short before it exists.
            if (reads + exceptions == 2)
            {
                Console.WriteLine("reading");
                Console.Out.Flush();
            }
        }

        DirectFileSource? source = fits.OpenedDirectSource;
        ReadLease? lease = source?.Lease;
        Console.WriteLine(
            $"reads {reads} direct {fits.DirectReadCount} mapped {source?.MappedReadCount ?? 0} exceptions {exceptions} bad {bad} " +
            $"lease-taken {lease?.TakenCount ?? 0} lease-refused {lease?.RefusedCount ?? 0} lease-error {lease?.LastError ?? 0} " +
            $"lease-possible {(lease?.MayBeTaken ?? false ? 1 : 0)}");
        return bad == 0 ? 0 : 1;
    }

    // Every pixel is 0 or the pixel of some version (a read may mix versions: positioned reads race the writer).
    private static bool Valid(short[] pixels)
    {
        for (long i = 0; i < pixels.Length; i++)
        {
            int value = pixels[i];
            int version = (int)((((value - ((i * 31) % 30000)) % 30000) + 30000) % 30000);
            if (value != 0 && (version < 1 || version > Versions))
            {
                return false;
            }
        }

        return true;
    }
}
