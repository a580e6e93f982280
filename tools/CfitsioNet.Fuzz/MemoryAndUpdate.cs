using System;
using System.IO;

namespace CfitsioNet.Fuzz;

/// <summary>
/// The issue-14 probes. <c>MemoryIdentity</c>: the case's bytes opened from memory must give CFITSIO's pixels from the
/// file, or refuse where it refuses (from memory a last HDU cut short may be refused at once, status 113).
/// <c>UpdateEdit</c>: a copy of the case opened for update, a keyword set and saved: the file reopens with the keyword
/// and the same primary pixels, or the edit is refused with a FitsException.
/// </summary>
internal static class MemoryAndUpdate
{
    private const int MaxHdus = 8;
    private const long MaxBytes = 64L << 20;

    internal static void MemoryIdentity(CaseReport report, string path)
    {
        if (new FileInfo(path).Length > MaxBytes)
        {
            return;
        }

        byte[] bytes = File.ReadAllBytes(path);
        FitsFile? file = null, memory = null;
        try
        {
            try
            {
                file = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly);
            }
            catch (FitsException)
            {
                return;
            }

            try
            {
                memory = FitsFile.Open(bytes);
            }
            catch (FitsException e)
            {
                // From memory a cut last HDU is refused at once (113), and gzip data are checked more strictly (their trailer).
                bool expected = e.Status == 113 || (bytes.Length > 1 && bytes[0] == 0x1F && bytes[1] == 0x8B);
                report.Add("MemoryIdentity", expected ? Outcome.Fits : Outcome.Bug, $"from memory the open failed: {e.Status} {e.Message}");
                return;
            }

            int count;
            try
            {
                count = Math.Min(file.HduCount, MaxHdus);
                int inMemory = memory.HduCount;
                if (inMemory < count)
                {
                    // The HDU CFITSIO cannot extend the buffer for (113) ends the count from memory; the file's count
                    // includes it (and fails on its pixels).
                    report.Add("MemoryIdentity", Outcome.Fits, $"from memory {inMemory} HDUs, from the file {count}");
                    count = inMemory;
                }
            }
            catch (FitsException)
            {
                return;
            }

            for (int i = 0; i < count; i++)
            {
                (byte[]? expected, FitsException? expectedError) = FastPathIdentity.Pixels(file, i);
                (byte[]? actual, FitsException? actualError) = FastPathIdentity.Pixels(memory, i);
                string probe = $"MemoryIdentity[{i}]";
                if (expected is not null && actual is not null)
                {
                    int at = FastPathIdentity.FirstDifference(actual, expected);
                    report.Add(probe, at < 0 ? Outcome.Ok : Outcome.Bug, at < 0 ? "" : $"memory pixels differ from the file's at byte {at}");
                }
                else if (expected is not null)
                {
                    report.Add(probe, actualError?.Status == 113 ? Outcome.Fits : Outcome.Bug, $"memory refused what the file reads: {actualError?.Status} {actualError?.Message}");
                }
                else if (actual is not null)
                {
                    // A damaged tile-compressed image that CFITSIO refuses from the file (a status, not a crash) but
                    // decompresses from memory: CFITSIO's own difference between its drivers (not yet understood: see
                    // docs/reliability.md), recorded like its band-read differences, not counted as a library bug.
                    Outcome outcome = FastPathIdentity.ReadsWhenPadded(path, i, actual) ? Outcome.Ok
                        : IsCompressed(memory, i) && expectedError is not null ? Outcome.CfitsioVaries
                        : Outcome.Bug;
                    report.Add(probe, outcome, $"memory read what the file refuses ({expectedError?.Status})");
                }
            }
        }
        finally
        {
            file?.Dispose();
            memory?.Dispose();
        }
    }

    private static bool IsCompressed(FitsFile file, int index)
    {
        try
        {
            return file[index] is ImageHdu image && image.Info.IsCompressed;
        }
        catch (FitsException)
        {
            return false;
        }
    }

    internal static void UpdateEdit(CaseReport report, string path)
    {
        if (new FileInfo(path).Length > MaxBytes)
        {
            return;
        }

        string folder = Directory.CreateTempSubdirectory("cfitsionet-fuzz-update-").FullName;
        try
        {
            string copy = Path.Combine(folder, "case.fits");
            File.Copy(path, copy);
            (byte[]? before, _) = Read(copy);
            try
            {
                using FitsFile fits = FitsFile.OpenForUpdate(copy);
                fits.Primary.Header.Set("FUZZED", 14L, "update-mode probe");
            }
            catch (FitsException e)
            {
                report.Add("UpdateEdit", Outcome.Fits, $"FitsException status {e.Status}");
                return;
            }

            using FitsFile reopened = FitsFile.Open(copy);
            bool keyword = reopened.Primary.Header.Contains("FUZZED");
            (byte[]? after, _) = Read(copy);
            bool same = before is null || (after is not null && FastPathIdentity.FirstDifference(before, after) < 0);
            report.Add("UpdateEdit", keyword && same ? Outcome.Ok : Outcome.Bug,
                keyword ? (same ? "" : "the primary pixels changed") : "the keyword is missing after the save");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (byte[]?, FitsException?) Read(string path)
    {
        try
        {
            using FitsFile fits = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly);
            return FastPathIdentity.Pixels(fits, 0);
        }
        catch (FitsException e)
        {
            return (null, e);
        }
    }
}
