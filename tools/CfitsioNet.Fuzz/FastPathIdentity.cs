using System;
using System.IO;
using System.Runtime.InteropServices;

namespace CfitsioNet.Fuzz;

/// <summary>
/// The differential probe: every image read in its natural type with every fast path allowed at any size (direct
/// reads, the leased map, the managed Rice decoder, parallel decompression on 2 threads), and by CFITSIO alone. Where
/// CFITSIO reads the pixels the fast paths must give the same bytes; where it refuses them they must refuse too.
/// </summary>
internal static class FastPathIdentity
{
    private static readonly FitsOpenOptions Everything = new()
    {
        DirectMinimumBytes = 0,
        ParallelMinimumTiles = 2,
        ParallelMinimumBytes = 64 * 1024,
        MaxDegreeOfParallelism = 2,
    };

    private const int MaxHdus = 8;

    internal static void Run(CaseReport report, string path)
    {
        FitsFile? fast = null, cfitsio = null;
        try
        {
            try
            {
                fast = FitsFile.Open(path, Everything);
                cfitsio = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly);
            }
            catch (FitsException)
            {
                return; // Open's own parity is what the Open probe and the tests check.
            }

            int count;
            try
            {
                count = Math.Min(cfitsio.HduCount, MaxHdus);
            }
            catch (FitsException)
            {
                return;
            }

            for (int i = 0; i < count; i++)
            {
                Compare(report, fast, cfitsio, i);
            }
        }
        finally
        {
            fast?.Dispose();
            cfitsio?.Dispose();
        }
    }

    private static void Compare(CaseReport report, FitsFile fast, FitsFile cfitsio, int index)
    {
        string path = cfitsio.FileName;
        (byte[]? expected, FitsException? expectedError) = Pixels(cfitsio, index);
        if (expected is null && expectedError is null)
        {
            return; // not an image, or too large for the budget
        }

        int bandReads = fast.ParallelTileReadCount;
        (byte[]? actual, FitsException? actualError) = Pixels(fast, index);
        bool byCfitsioBands = fast.ParallelTileReadCount > bandReads;
        string probe = $"FastPathIdentity[{index}]";
        if (expected is not null && actual is not null)
        {
            int at = FirstDifference(actual, expected);
            report.Add(probe, at < 0 ? Outcome.Ok : byCfitsioBands ? Outcome.CfitsioVaries : Outcome.Bug,
                at < 0 ? "" : $"the fast paths' pixels differ from CFITSIO's at byte {at} of {expected.Length}" +
                              (byCfitsioBands ? " (CFITSIO decoded both: its band reads against its whole-image read)" : ""));
        }
        else if (expected is not null)
        {
            report.Add(probe, Outcome.Bug, $"the fast paths refused what CFITSIO reads: {actualError?.Message}");
        }
        else if (actual is not null && ReadsWhenPadded(path, index, actual))
        {
            // The file ends inside the last 2880-byte block with every pixel present: CFITSIO's buffered reader fails on
            // the short record, the fast paths read the pixels (CFITSIO reads them the same once the block is padded).
            // In the library small reads stay with CFITSIO, so this shows only because the probe forces them direct.
            report.Add(probe, Outcome.Ok, "");
        }
        else if (actual is not null)
        {
            report.Add(probe, Outcome.Bug, $"the fast paths read what CFITSIO refuses ({expectedError!.Status}: {expectedError.Message})");
        }
        else
        {
            report.Add(probe, Outcome.Fits, $"both refuse: {expectedError!.Status}");
        }
    }

    internal static (byte[]? Pixels, FitsException? Error) Pixels(FitsFile file, int index)
    {
        try
        {
            if (file[index] is not ImageHdu image)
            {
                return (null, null);
            }

            ImageInfo info = image.Info;
            if (info.ElementCount * Math.Max(1, Math.Abs(info.Bitpix) / 8) > ReadPaths.ReadBudgetBytes || info.ElementCount > Array.MaxLength / 8)
            {
                return (null, null);
            }

            return (info.PixelType switch
            {
                PixelType.Byte => Bytes(image.Read<byte>()),
                PixelType.SByte => Bytes(image.Read<sbyte>()),
                PixelType.Int16 => Bytes(image.Read<short>()),
                PixelType.UInt16 => Bytes(image.Read<ushort>()),
                PixelType.Int32 => Bytes(image.Read<int>()),
                PixelType.UInt32 => Bytes(image.Read<uint>()),
                PixelType.Int64 => Bytes(image.Read<long>()),
                PixelType.UInt64 => Bytes(image.Read<ulong>()),
                PixelType.Single => Bytes(image.Read<float>()),
                _ => Bytes(image.Read<double>()),
            }, null);
        }
        catch (FitsException e)
        {
            return (null, e);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidCastException)
        {
            return (null, null); // documented refusals, the same on both sides (the other probes classify them)
        }
    }

    // CFITSIO's pixels of the same file padded with zeros to a whole number of blocks equal `pixels`.
    internal static bool ReadsWhenPadded(string path, int index, byte[] pixels)
    {
        string padded = path + ".padded";
        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            if (bytes.Length % 2880 == 0)
            {
                return false;
            }

            Array.Resize(ref bytes, (bytes.Length + 2879) / 2880 * 2880);
            File.WriteAllBytes(padded, bytes);
            using FitsFile file = FitsFile.Open(padded, FitsOpenOptions.CfitsioOnly);
            (byte[]? again, _) = Pixels(file, index);
            return again is not null && again.AsSpan().SequenceEqual(pixels);
        }
        catch (FitsException)
        {
            return false;
        }
        finally
        {
            File.Delete(padded);
        }
    }

    private static byte[] Bytes<T>(T[] values)
        where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    internal static int FirstDifference(byte[] a, byte[] b)
    {
        if (a.Length != b.Length)
        {
            return Math.Min(a.Length, b.Length);
        }

        int at = a.AsSpan().CommonPrefixLength(b);
        return at == a.Length ? -1 : at;
    }
}
