using System;
using System.IO;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace CfitsioNet.Bench.Benchmarks;

/// <summary>
/// Update mode (issue 14): changing one keyword of a 1 GiB file (sparse: 32768 x 8192 int32, one header block), in
/// place, with the open, the edit, the fsync at Dispose and the close; the target is under 10 ms. Baseline: the
/// same open and close, read-only, with the keyword read.
/// </summary>
public class UpdateBenchmarks
{
    private string _path = "";
    private int _counter;

    /// <summary>Writes the sparse 1 GiB file next to the bench's test images (or in the temp folder).</summary>
    [GlobalSetup]
    public void Setup()
    {
        string folder = Environment.GetEnvironmentVariable(BenchData.FolderVariable) ?? Path.GetTempPath();
        _path = Path.Combine(folder, "update_1gib.fits");
        var header = new StringBuilder();
        foreach (string card in new[]
        {
            "SIMPLE  =                    T", "BITPIX  =                   32", "NAXIS   =                    2",
            "NAXIS1  =                32768", "NAXIS2  =                 8192", "OBJECT  = 'start   '", "END",
        })
        {
            header.Append(card.PadRight(80));
        }

        long data = 32768L * 8192 * 4;
        using var stream = new FileStream(_path, FileMode.Create, FileAccess.Write);
        stream.Write(Encoding.ASCII.GetBytes(header.ToString().PadRight(2880)));
        stream.SetLength(2880 + ((data + 2879) / 2880 * 2880)); // sparse: no data blocks are written
    }

    /// <summary>Deletes the file.</summary>
    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    /// <summary>Open read-only, read the keyword, close.</summary>
    [Benchmark(Baseline = true)]
    public string? OpenReadKeyword()
    {
        using FitsFile fits = FitsFile.Open(_path);
        return fits.Primary.Header.GetStringOrNull("OBJECT");
    }

    /// <summary>OpenForUpdate, set OBJECT (same length: one record changes, in place), Dispose (fsync, close).</summary>
    [Benchmark]
    public void SetKeywordInPlace()
    {
        using FitsFile fits = FitsFile.OpenForUpdate(_path);
        fits.Primary.Header.Set("OBJECT", (++_counter & 1) == 0 ? "even" : "odd");
    }
}
