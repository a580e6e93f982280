using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Apache.Arrow;
using CfitsioNet.Arrow;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Tables;

/// <summary>
/// The edge cases of issue 13 that the golden tests do not reach one by one: a header claiming more than 999 columns
/// (CFITSIO 4.2.0 does not refuse it and allocates a record per claimed column), a repeat-0 column through every
/// public read, streaming in bounded managed memory without mapping the file, and row filters that are hostile user
/// input (a chain deep enough to overflow CFITSIO's recursive evaluator, an embedded NUL).
/// </summary>
[TestFixture]
public sealed class TableEdgeCaseTests
{
    private TempDirectory _folder = null!;

    [OneTimeSetUp]
    public void MakeFolder() => _folder = new TempDirectory("table-edges");

    [OneTimeTearDown]
    public void DeleteFolder() => _folder.Dispose();

    [TestCase(1000)]
    [TestCase(10_000)]
    [TestCase(100_000_000)]
    [TestCase(-1)]
    public void A_header_claiming_more_than_999_columns_is_a_FitsException_naming_TFIELDS(long fields)
    {
        // wide.fits (astropy): 999 columns, FITS's maximum. Only its TFIELDS card changes.
        byte[] bytes = File.ReadAllBytes(TablesGolden.PathOf("wide.fits"));
        int card = Encoding.ASCII.GetString(bytes).IndexOf("TFIELDS =", StringComparison.Ordinal);
        Assert.That(card, Is.GreaterThan(0));
        Encoding.ASCII.GetBytes(("TFIELDS = " + fields.ToString(CultureInfo.InvariantCulture).PadLeft(20)).PadRight(80), bytes.AsSpan(card, 80));
        string path = _folder.File($"tfields-{fields}.fits");
        File.WriteAllBytes(path, bytes);

        FitsException fromFile = Assert.Throws<FitsException>(() =>
        {
            using var fits = FitsFile.Open(path);
            _ = fits[1].AsTable().Columns;
        })!;
        Assert.That(fromFile.FileName, Is.EqualTo(path));
        Assert.That(fromFile.Message, Does.Contain($"TFIELDS = {fields} is outside 0..999"));
        Assert.Throws<FitsException>(() =>
        {
            using var fits = FitsFile.Open(new ReadOnlyMemory<byte>(bytes));
            _ = fits[1].AsTable().Columns;
        });
        FitsException forUpdate = Assert.Throws<FitsException>(() =>
        {
            using var fits = FitsFile.OpenForUpdate(path);
        })!;
        Assert.That(forUpdate.Message, Does.Contain("TFIELDS"), "update mode scans the headers as Open does");
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(bytes), "and leaves the file as it was");

        if (fields == 10_000)
        {
            // The independent readers refuse it too: CFITSIO's own open finds no TFORM1000 (NO_TFORM, 232), astropy
            // has no format for column 1000. (The 10^8 case is not given to CFITSIO: it takes 15.6 GB first.)
            Assert.That(() => new CfitsioColumnReader(path, 1), Throws.InvalidOperationException.With.Message.Contains("status 232"));
            ProcessResult astropy = RunPython($"from astropy.io import fits\nwith fits.open({Quote(path)}) as h:\n    h[1].data[:1]\n");
            Assert.That(astropy.ExitCode, Is.Not.Zero, "astropy reads no 10,000-column table either");
        }
    }

    [Test]
    public void A_column_of_repeat_0_reads_as_no_values_through_every_read()
    {
        // types.fits (astropy): NONE is 0J, width 0 and cell shape [0] as astropy reads it.
        GoldenTable golden = TablesGolden.Get("types.fits", 1);
        GoldenColumn expected = golden.Columns.Single(c => c.Kind == "empty");
        Assert.That((expected.Name, expected.Tform, expected.Width), Is.EqualTo(("NONE", "0J", 0L)));
        using var fits = FitsFile.Open(golden.Path);
        TableHdu table = fits[1].AsTable();
        TableColumn column = table.Columns["NONE"];
        Assert.That(column.Repeat, Is.Zero);
        Assert.That(column.CellElements, Is.Zero);
        Assert.That(column.Layout.Width, Is.Zero);

        Assert.That(table.ReadColumn<int>("NONE"), Is.Empty);
        Assert.That(table.ReadColumn<double>("NONE", 3..9), Is.Empty);
        table.ReadColumn<int>("NONE", Span<int>.Empty, Span<bool>.Empty);
        table.ReadCellBytes("NONE", Span<byte>.Empty);
        Assert.That(table.ReadColumnAt<int>("NONE", [0, 5, 39]), Is.Empty);
        using (NativeBuffer<int> native = table.ReadColumnNative<int>("NONE"))
        {
            Assert.That(native.Shape[0], Is.EqualTo(golden.Rows));
            Assert.That(native.Span.Length, Is.Zero);
        }

        // In a chunk beside a real column, which keeps its values.
        TableChunk chunk = table.Read(["NONE", "I16"]);
        Assert.That((System.Array)chunk.GetValues("NONE"), Is.Empty);
        Assert.That(chunk.Get<short>("I16"), Is.EqualTo(table.ReadColumn<short>("I16")));
        Assert.That(table.ReadChunks(["NONE"], 7).Sum(c => c.RowCount), Is.EqualTo(golden.Rows));

        // Arrow (fixed-size lists cannot have size 0 there): a list column whose every row is an empty list.
        RecordBatch batch = table.ReadRecordBatch(["NONE", "I16"]);
        Assert.That(batch.Length, Is.EqualTo(golden.Rows));
        var lists = (ListArray)batch.Column(0);
        Assert.That(lists.Values.Length, Is.Zero);
        Assert.That(Enumerable.Range(0, lists.Length).Select(lists.GetValueLength), Has.All.Zero);
        Assert.That(((Int16Array)batch.Column(1)).Values.ToArray(), Is.EqualTo(table.ReadColumn<short>("I16")));
        Assert.That(table.ReadRecordBatches(null, 7).Sum(b => b.Length), Is.EqualTo(golden.Rows), "every column of types.fits streams");
    }

    [TestCaseSource(typeof(TablesGolden), nameof(TablesGolden.All))]
    public void Logical_bit_and_string_fields_read_as_stored_bytes_are_the_bytes_astropy_finds(GoldenTable golden)
    {
        // ReadCellBytes: X packed (the "packed bytes"), L as 'T'/'F'/0, A with blanks, NULs and non-ASCII bytes.
        var columns = golden.Columns.Where(c => c.RawSha256 is not null).ToList();
        if (columns.Count == 0)
        {
            Assert.Pass("no L, X or A columns");
        }

        using var fits = FitsFile.Open(golden.Path);
        TableHdu table = fits[golden.Hdu].AsTable();
        foreach (GoldenColumn expected in columns)
        {
            var raw = new byte[golden.Rows * expected.Width];
            table.ReadCellBytes(expected.Lookup, raw);
            Assert.That(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(raw)), Is.EqualTo(expected.RawSha256),
                        $"{golden} {expected.Lookup} ({expected.Tform})");
        }
    }

    [Test]
    public void Units_and_display_formats_are_the_TUNIT_and_TDISP_astropy_wrote()
    {
        // The golden tables have no TUNITn or TDISPn: astropy writes them here, a column without them reads null.
        string path = WriteTable(
            "units.fits", "",
            "fits.Column(name='FLUX', format='D', unit='erg/s/cm2', disp='F10.4', array=np.array([1.5, 2.5])), " +
            "fits.Column(name='NAME', format='8A', disp='A8', array=np.array([b'a', b'b'])), " +
            "fits.Column(name='N', format='J', array=np.array([1, 2], dtype=np.int32))");
        using var fits = FitsFile.Open(path);
        TableHdu table = fits[1].AsTable();
        Assert.That((table.Columns["FLUX"].Unit, table.Columns["FLUX"].Display), Is.EqualTo(("erg/s/cm2", "F10.4")));
        Assert.That((table.Columns["NAME"].Unit, table.Columns["NAME"].Display), Is.EqualTo(((string?)null, "A8")));
        Assert.That((table.Columns["N"].Unit, table.Columns["N"].Display), Is.EqualTo(((string?)null, (string?)null)));
        ProcessResult astropy = RunPython(
            $"from astropy.io import fits\nwith fits.open({Quote(path)}) as h:\n" +
            "    c = h[1].columns\n    assert (c['FLUX'].unit, c['FLUX'].disp, c['NAME'].disp, c['N'].unit, c['N'].disp) == ('erg/s/cm2', 'F10.4', 'A8', None, None), c\n");
        Assert.That(astropy.ExitCode, Is.Zero, "astropy reads the same units and formats: " + astropy.StandardError);
    }

    [Test]
    public void Streaming_a_table_in_chunks_reuses_its_arrays_and_never_maps_the_file()
    {
        // 200,000 rows x (D, E, J) written by astropy from the row number; 49 chunks of 4096 rows.
        const int rows = 200_000, perChunk = 4096;
        string path = WriteTable(
            "stream.fits",
            $"r = np.arange({rows}, dtype=np.int64)\n",
            "fits.Column(name='D', format='D', array=r * 0.5), fits.Column(name='E', format='E', array=(r % 1000).astype(np.float32)), " +
            "fits.Column(name='J', format='J', array=(r * 7 - 3).astype(np.int32))");

        using var fits = FitsFile.Open(path);
        TableHdu table = fits[1].AsTable();
        Assert.That(table.RowCount, Is.EqualTo(rows));
        long next = 0;
        int chunks = 0;
        double[]? firstArray = null;
        long allocated = 0; // by the reads after the first chunk, not by the checks
        using (IEnumerator<TableChunk> stream = table.ReadChunks(null, perChunk).GetEnumerator())
        {
            while (true)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                bool more = stream.MoveNext();
                if (chunks > 0)
                {
                    allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                }

                if (!more)
                {
                    break;
                }

                TableChunk chunk = stream.Current;
                double[] d = chunk.Get<double>("D");
                float[] e = chunk.Get<float>("E");
                int[] j = chunk.Get<int>("J");
                for (int i = 0; i < chunk.RowCount; i++)
                {
                    long r = chunk.StartRow + i;
                    if (d[i] != r * 0.5 || e[i] != r % 1000 || j[i] != (int)((r * 7) - 3))
                    {
                        Assert.Fail($"row {r}: {d[i]}, {e[i]}, {j[i]}");
                    }
                }

                Assert.That(chunk.StartRow, Is.EqualTo(next));
                next += chunk.RowCount;
                if (chunks++ == 0)
                {
                    firstArray = d;
                }
                else if (chunk.RowCount == perChunk)
                {
                    Assert.That(d, Is.SameAs(firstArray), $"chunk {chunks} reuses the first chunk's arrays");
                }

                Assert.That(MappedRegionsOf(path), Is.Zero, $"chunk {chunks}: the file is not mapped while streaming");
            }
        }

        Assert.That(next, Is.EqualTo(rows));
        Assert.That(chunks, Is.EqualTo((rows + perChunk - 1) / perChunk));
        // The 48 chunks after the first hold 3.1 MB of values; the arrays are reused, so what they allocate is the
        // short last chunk (about 14 KB of values) and small bookkeeping, far below one full chunk's 64 KB per 4 chunks.
        Assert.That(allocated, Is.LessThan(4L * perChunk * 16), $"{allocated} bytes allocated after the first chunk");

        // The check can see a map: repeated whole-column reads go to the file's map by default.
        _ = table.ReadColumn<double>("D");
        _ = table.ReadColumn<double>("D");
        Assert.That(MappedRegionsOf(path), Is.GreaterThan(0), "the second read of a file maps it (so the check above can fail)");
    }

    [Test]
    public void A_row_filter_too_deep_for_CFITSIOs_recursive_evaluator_is_evaluated_or_refused_never_a_crash()
    {
        // A one-letter column (astropy), so a chain A+A+...+A is as deep as half its length.
        string path = WriteTable("filter.fits", "", "fits.Column(name='A', format='J', array=np.array([-2, -1, 0, 1, 2, 3], dtype=np.int32))");
        using var fits = FitsFile.Open(path);
        TableHdu table = fits[1].AsTable();

        // 49,998 terms, the most the length limit allows: CFITSIO's evaluator recurses 49,998 levels deep (about 12 MB
        // of stack; 240 bytes a level). It runs on the filter's own 64 MB stack; CFITSIO evaluates integers in 64-bit
        // longs, so the sum has the sign of A.
        string chain = string.Join("+", Enumerable.Repeat("A", 49_998)) + " > 0";
        Assert.That(chain.Length, Is.LessThanOrEqualTo(100_000));
        Assert.That(table.Where(chain), Is.EqualTo(new long[] { 3, 4, 5 }));
        Assert.That(table.Where("A < 0"), Is.EqualTo(new long[] { 0, 1 }), "the parser still works after it");

        // 400,000 terms overflowed an 8 MB stack in CFITSIO (SIGSEGV, measured with a C caller): refused before
        // CFITSIO sees it, naming the limit.
        string longer = string.Join("+", Enumerable.Repeat("A", 400_000)) + " > 0";
        FitsException tooLong = Assert.Throws<FitsException>(() => table.Where(longer))!;
        Assert.That(tooLong.Message, Does.Contain("longer than 100000"));
        Assert.That(tooLong.FileName, Is.EqualTo(path));

        // A NUL would cut the expression CFITSIO sees: refused, not evaluated as its first part.
        Assert.Throws<ArgumentException>(() => table.Where("A > 0\0 || A < 0"));

        // A syntax error carries CFITSIO's own message as well as the expression.
        FitsException syntax = Assert.Throws<FitsException>(() => table.Where("A > > 3"))!;
        Assert.That(syntax.Message, Does.Contain("A > > 3"));
        Assert.That(syntax.Status, Is.EqualTo(431), "PARSE_SYNTAX_ERR");
        Assert.That(syntax.ErrorStack, Has.Some.Contains("syntax error"), "CFITSIO's parser message");
    }

    /// <summary>Memory mappings of <paramref name="path"/> in this process (/proc/self/maps).</summary>
    private static int MappedRegionsOf(string path) =>
        File.ReadLines("/proc/self/maps").Count(line => line.EndsWith(" " + Path.GetFullPath(path), StringComparison.Ordinal));

    private static string Quote(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    /// <summary>A primary HDU and one binary table of <paramref name="columns"/> (astropy Column expressions), written by astropy.</summary>
    private string WriteTable(string name, string setup, string columns)
    {
        string path = _folder.File(name);
        ProcessResult write = RunPython("import numpy as np\nfrom astropy.io import fits\n" + setup +
                                        $"t = fits.BinTableHDU.from_columns([{columns}])\nfits.HDUList([fits.PrimaryHDU(), t]).writeto({Quote(path)})\n");
        Assert.That(write.ExitCode, Is.Zero, write.StandardError);
        return path;
    }

    private ProcessResult RunPython(string script)
    {
        WritingTools.RequireTool(WritingTools.HasAstropy, "astropy");
        string file = _folder.File($"script-{Guid.NewGuid():N}.py");
        File.WriteAllText(file, script);
        return WritingTools.Run("/usr/bin/python3", [file], Path.GetDirectoryName(file)!);
    }
}
