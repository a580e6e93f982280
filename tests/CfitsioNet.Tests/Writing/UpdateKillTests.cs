using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Update;

/// <summary>
/// A child process (the fuzz tool's <c>edit-loop</c>) edits a file in update mode, in place and through renamed copies,
/// and is killed at random moments, many times: each time the file must be a whole FITS file, the old or the new one:
/// its pixels untouched, its header readable by CFITSIO with every card whole, and every kept state clean for fitsverify.
/// One call is one atomic edit; the calls of one session are not a transaction (docs/writing.md). The same for rows
/// appended to a table (the <c>append-loop</c>).
/// </summary>
[NonParallelizable]
public sealed class UpdateKillTests
{
    [Test]
    public void A_process_killed_mid_edit_leaves_the_old_or_the_new_file()
    {
        using var folder = new TempDirectory();
        string path = folder.File("edited.fits");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "golden", "int16_2d.fits"), path);
        short[] pixels;
        int originalHistory;
        using (FitsFile original = FitsFile.Open(path))
        {
            pixels = original.Primary.Read<short>();
            originalHistory = original.Primary.Header.Cards.Count(c => c.Keyword == "HISTORY");
        }

        var random = new Random(14);
        var kept = new List<string>();
        const int kills = 25;
        for (int kill = 0; kill < kills; kill++)
        {
            KillMidCycle("edit-loop", path, random.Next(0, 120));

            // Leftover temporary copies are allowed; the file itself must be whole.
            using (FitsFile fits = FitsFile.Open(path))
            {
                Assert.That(fits.HduCount, Is.EqualTo(1), $"kill {kill}");
                Assert.That(fits.Primary.Read<short>(), Is.EqualTo(pixels), $"kill {kill}");
                // Each call is one atomic edit (several calls are not a transaction): the 60 HISTORY cards of a cycle
                // may be there in part (and a later child adds more), but every card whole, and COUNTER a whole number.
                HeaderCard[] history = fits.Primary.Header.Cards.Where(c => c.Keyword == "HISTORY").ToArray();
                Assert.That(history.Skip(originalHistory).Select(c => c.Record.TrimEnd()), Has.All.Match(@"^HISTORY edit-loop cycle \d+ card \d+$"), $"kill {kill}");
                if (fits.Primary.Header.Contains("COUNTER"))
                {
                    Assert.That(fits.Primary.Header.Cards.Single(c => c.Keyword == "COUNTER").Record, Does.Match(@"^COUNTER = +\d+ / edit-loop cycle *$"), $"kill {kill}");
                }
            }

            string snapshot = $"kill{kill}.fits";
            File.Copy(path, folder.File(snapshot));
            kept.Add(snapshot);
        }

        if (WritingTools.HasFitsverify)
        {
            Dictionary<string, FitsverifyResult> results = WritingTools.RunFitsverify(folder.Path, kept);
            Assert.That(kept.Where(k => !results[k].Clean), Is.Empty, string.Join("\n", results.Values.Select(r => r.Line)));
        }
    }

    [Test]
    public void A_process_killed_while_appending_rows_leaves_a_whole_table()
    {
        using var folder = new TempDirectory();
        string path = folder.File("appended.fits");
        const int initialRows = 10;
        long[] start = Enumerable.Range(0, initialRows).Select(k => (long)k).ToArray();
        using (FitsFile created = FitsFile.Create(path))
        {
            created.AddTable(
            [
                TableColumnData.Of("N", start),
                TableColumnData.Of("X", start.Select(v => v / 4.0).ToArray()),
                TableColumnData.Of("S", start.Select(v => (string?)$"row {v}").ToArray(), width: 16),
            ]);
            created.Commit();
        }

        var random = new Random(15);
        var kept = new List<string>();
        long previous = initialRows;
        const int kills = 20;
        for (int kill = 0; kill < kills; kill++)
        {
            KillMidCycle("append-loop", path, random.Next(0, 150));

            // The table is one of the saved states: whole blocks of rows, each continuing the sequence, never fewer
            // rows than a save the parent has already seen.
            long rows;
            using (FitsFile fits = FitsFile.Open(path))
            {
                Assert.That(fits.HduCount, Is.EqualTo(2), $"kill {kill}");
                TableHdu table = fits[1].AsTable();
                rows = table.RowCount;
                Assert.That((rows - initialRows) % 700, Is.Zero, $"kill {kill}: {rows} rows");
                Assert.That(rows, Is.GreaterThanOrEqualTo(previous), $"kill {kill}");
                long[] n = table.ReadColumn<long>("N");
                Assert.That(n, Is.EqualTo(Enumerable.Range(0, (int)rows).Select(k => (long)k)), $"kill {kill}");
                Assert.That(table.ReadColumn<double>("X"), Is.EqualTo(n.Select(v => v / 4.0)), $"kill {kill}");
                Assert.That(table.ReadStrings("S"), Is.EqualTo(n.Select(v => $"row {v}")), $"kill {kill}");
            }

            // CFITSIO's own column reader agrees on the last row (and so on the table's size and layout).
            using (var reader = new CfitsioColumnReader(path, 1))
            {
                byte[] all = reader.ReadColumn(1, CfitsioColumnReader.DataType("int64"), rows);
                Assert.That(BitConverter.ToInt64(all, (int)((rows - 1) * 8)), Is.EqualTo(rows - 1), $"kill {kill}: CFITSIO's last N");
            }

            previous = rows;
            string snapshot = $"append{kill}.fits";
            File.Copy(path, folder.File(snapshot));
            kept.Add(snapshot);
        }

        Assert.That(previous, Is.GreaterThan(initialRows), "some cycles were saved before the kills");
        if (WritingTools.HasFitsverify)
        {
            Dictionary<string, FitsverifyResult> results = WritingTools.RunFitsverify(folder.Path, kept);
            Assert.That(kept.Where(k => !results[k].Clean), Is.Empty, string.Join("\n", results.Values.Select(r => r.Line)));
        }
    }

    // Starts the fuzz tool's loop on the file, waits for its first saved cycle, then kills it after the delay.
    private static void KillMidCycle(string mode, string path, int delayMs)
    {
        using Process child = FuzzTool.Start([mode, path]);
        string? first = FuzzTool.ReadLineWithin(child, TimeSpan.FromSeconds(60));
        Assert.That(first, Does.StartWith("cycle"), "the child runs");
        System.Threading.Thread.Sleep(delayMs);
        child.Kill();
        child.WaitForExit();
    }
}
