using System;
using System.Threading;

namespace CfitsioNet.Fuzz;

/// <summary>
/// <c>write-slow PATH [--images N] [--pause-ms N]</c>: replaces PATH (FitsFile.Create with overwrite) with a file of
/// N 256 x 1024 float images, written one at a time with a pause between them, then commits. Prints
/// <c>writing</c> once the first image is in the temporary file, so a parent can kill it mid-write
/// (tests/CfitsioNet.Tests/Reliability/WriteFaultTests.cs).
/// </summary>
internal static class WriteSlow
{
    internal static int Run(string path, long images, long pauseMilliseconds)
    {
        var pixels = new float[256 * 1024];
        using FitsFile fits = FitsFile.Create(path, overwrite: true);
        for (long i = 0; i < images; i++)
        {
            pixels.AsSpan().Fill(i);
            fits.AddImage<float>(pixels, [256, 1024]);
            if (i == 0)
            {
                Console.WriteLine("writing");
                Console.Out.Flush();
            }

            Thread.Sleep((int)pauseMilliseconds);
        }

        fits.Commit();
        Console.WriteLine("committed");
        return 0;
    }
}
