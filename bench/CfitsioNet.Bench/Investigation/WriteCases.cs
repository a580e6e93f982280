using System;
using System.IO;

namespace CfitsioNet.Bench.Investigation;

/// <summary>
/// The .NET write cases (issue 15): the pixels of a test image, read once, written by the public API to a new file
/// per iteration (replacing the previous iteration's), as a camera program writes a frame per exposure.
/// </summary>
internal static class WriteCases
{
    /// <summary>
    /// <c>FitsFile.Create(out, overwrite: true, durable)</c> + <c>AddImage</c> (Rice when <paramref name="rice"/>, tiles
    /// encoded on <paramref name="threads"/> threads, -1 for all cores) + <c>Commit</c>; verified by reading the file back.
    /// </summary>
    internal static DotNetCase Write(TestImage image, string name, string outPath, bool durable, bool rice, int threads = -1) => image.Type switch
    {
        PixelType.Int16 => Write<short>(image, name, outPath, durable, rice, threads),
        PixelType.UInt16 => Write<ushort>(image, name, outPath, durable, rice, threads),
        PixelType.Int32 => Write<int>(image, name, outPath, durable, rice, threads),
        PixelType.Single => Write<float>(image, name, outPath, durable, rice, threads),
        PixelType.Double => Write<double>(image, name, outPath, durable, rice, threads),
        _ => throw new NotSupportedException($"{image.Type} has no write case"),
    };

    private static DotNetCase Write<T>(TestImage image, string name, string outPath, bool durable, bool rice, int threads)
        where T : unmanaged
    {
        var options = rice ? new ImageWriteOptions { Compression = new ImageCompression(CompressionAlgorithm.Rice), MaxDegreeOfParallelism = threads } : null;
        return new DotNetCase
        {
            Name = name,
            Buffer = "new file",
            Handle = "none",
            Operation = $"FitsFile.Create(out, overwrite: true{(durable ? "" : ", durable: false")}) + AddImage<{typeof(T).Name}>" +
                        $"({(rice ? $"Rice, CFITSIO's tiles, managed encoder on {(threads == -1 ? "all cores" : $"{threads} thread(s)")}" : "direct write path")}) + Commit{(durable ? " (fsync + rename)" : " (no fsync; exchange + unlink of the old file)")}",
            Prepare = () =>
            {
                T[] pixels = DotNetCases.ReadReference<T>(image);
                long[] shape = image.Shape;
                return new PreparedCase(
                    () =>
                    {
                        using FitsFile fits = FitsFile.Create(outPath, overwrite: true, durable);
                        fits.AddImage<T>(pixels, shape, options);
                        fits.Commit();
                    },
                    () =>
                    {
                        using FitsFile fits = FitsFile.Open(outPath);
                        DotNetCases.Expect<T>(DotNetCases.OpenImage(fits, rice ? 1 : 0).Read<T>(), pixels, $"{name}: the written pixels");
                    },
                    () => File.Delete(outPath));
            },
        };
    }
}
